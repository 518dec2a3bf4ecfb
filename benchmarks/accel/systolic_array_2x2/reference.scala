import chisel3._
import chisel3.util._

// Output-stationary 2x2 systolic array: A values move one PE east and B values one PE south per
// cycle, and every PE(i,j) accumulates west * north into its own wrapping ACC_W-bit register.
class SystolicArray2x2(DATA_W: Int = 8, ACC_W: Int = 20) extends Module {
  private val N = 2
  val io = IO(new Bundle {
    val clear = Input(Bool())
    val a_in  = Input(UInt((N * DATA_W).W))
    val b_in  = Input(UInt((N * DATA_W).W))
    val c_out = Output(UInt((N * N * ACC_W).W))
  })
  private def lane(bus: UInt, k: Int): SInt = bus((k + 1) * DATA_W - 1, k * DATA_W).asSInt

  // Per PE (row i, column j): the forwarded operands and the accumulator, all cleared by reset.
  private val ha  = Seq.fill(N, N)(RegInit(0.S(DATA_W.W)))
  private val hb  = Seq.fill(N, N)(RegInit(0.S(DATA_W.W)))
  private val acc = Seq.fill(N, N)(RegInit(0.S(ACC_W.W)))

  for (i <- 0 until N; j <- 0 until N) {
    val west  = if (j == 0) lane(io.a_in, i) else ha(i)(j - 1)
    val north = if (i == 0) lane(io.b_in, j) else hb(i - 1)(j)
    ha(i)(j) := west // operands keep moving, also while clear is 1
    hb(i)(j) := north
    // Exact 2*DATA_W-bit product, sign-extended; the sum wraps modulo 2^ACC_W.
    val sum = acc(i)(j) +% (west * north).pad(ACC_W)
    acc(i)(j) := Mux(io.clear, 0.S, sum(ACC_W - 1, 0).asSInt)
  }

  // PE(0,0) in the least significant bits, then PE(0,1), PE(1,0), PE(1,1).
  io.c_out := Cat(acc.flatten.reverse.map(_.asUInt))
}
