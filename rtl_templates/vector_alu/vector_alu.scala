import chisel3._
import chisel3.util._

// vector_alu: LANES x WIDTH lane-wise ALU (ADD, SUB, MIN, MAX, AND, OR, XOR, saturating ADD),
// signed or unsigned per SIGNED, with one register stage; y/sat load only with in_valid.
// The Chisel twin of vector_alu.sv; reset is active high inside.
class VectorAlu(LANES: Int = 4, WIDTH: Int = 8, SIGNED: Int = 1) extends Module {
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val op        = Input(UInt(3.W))
    val a         = Input(UInt((LANES * WIDTH).W))
    val b         = Input(UInt((LANES * WIDTH).W))
    val out_valid = Output(Bool())
    val y         = Output(UInt((LANES * WIDTH).W))
    val sat       = Output(UInt(LANES.W))
  })
  private val OP_ADD  = 0
  private val OP_SUB  = 1
  private val OP_MIN  = 2
  private val OP_MAX  = 3
  private val OP_AND  = 4
  private val OP_OR   = 5
  private val OP_XOR  = 6
  private val OP_SADD = 7

  private val outValid = RegNext(io.in_valid, false.B)

  private val lanes = (0 until LANES).map { lane =>
    val aL = io.a((lane + 1) * WIDTH - 1, lane * WIDTH)
    val bL = io.b((lane + 1) * WIDTH - 1, lane * WIDTH)
    // a + b with one extra bit (sign- or zero-extended), overflow, saturation bound, a < b.
    val (sumExt, overflow, limit, aLess) =
      if (SIGNED != 0) {
        val s   = (aL.asSInt +& bL.asSInt).asUInt
        val ovf = s(WIDTH) ^ s(WIDTH - 1)
        // Overflow direction follows the true sign, s(WIDTH).
        val lim = Mux(s(WIDTH), (BigInt(1) << (WIDTH - 1)).U(WIDTH.W), ((BigInt(1) << (WIDTH - 1)) - 1).U(WIDTH.W))
        (s, ovf, lim, aL.asSInt < bL.asSInt)
      } else {
        val s = aL +& bL
        (s, s(WIDTH), ((BigInt(1) << WIDTH) - 1).U(WIDTH.W), aL < bL)
      }
    val sumLow = sumExt(WIDTH - 1, 0)

    val result = WireDefault(Mux(overflow, limit, sumLow)) // OP_SADD
    switch(io.op) {
      is(OP_ADD.U) { result := sumLow }
      is(OP_SUB.U) { result := aL - bL }
      is(OP_MIN.U) { result := Mux(aLess, aL, bL) }
      is(OP_MAX.U) { result := Mux(aLess, bL, aL) }
      is(OP_AND.U) { result := aL & bL }
      is(OP_OR.U)  { result := aL | bL }
      is(OP_XOR.U) { result := aL ^ bL }
    }

    val yQ   = RegInit(0.U(WIDTH.W))
    val satQ = RegInit(false.B)
    when(io.in_valid) {
      yQ   := result
      satQ := io.op === OP_SADD.U && overflow
    }
    (yQ, satQ)
  }

  io.out_valid := outValid
  io.y         := Cat(lanes.reverse.map(_._1))
  io.sat       := Cat(lanes.reverse.map(_._2))
}
