import chisel3._
import chisel3.util._

// requantizer: product = acc_in * multiplier (signed x unsigned, exact), rounded half up by an
// arithmetic right shift (shift = 0: no rounding; shifts past IN_WIDTH+MULT_WIDTH act like
// IN_WIDTH+MULT_WIDTH), plus zero_point, clamped to the signed OUT_WIDTH range (saturated = 1
// when clamped). One register stage; outputs hold while in_valid is 0. Twin of requantizer.sv.
class Requantizer(IN_WIDTH: Int = 32, MULT_WIDTH: Int = 16, SHIFT_WIDTH: Int = 6, OUT_WIDTH: Int = 8)
    extends Module {
  private val PW     = IN_WIDTH + MULT_WIDTH // |product| < 2**(PW-1)
  private val W      = PW + 1                // room for the rounding constant
  private val VW     = math.max(W + 1, OUT_WIDTH + 1)
  private val MAX_SH = PW
  val io = IO(new Bundle {
    val in_valid   = Input(Bool())
    val acc_in     = Input(SInt(IN_WIDTH.W))
    val multiplier = Input(UInt(MULT_WIDTH.W))
    val shift      = Input(UInt(SHIFT_WIDTH.W))
    val zero_point = Input(SInt(OUT_WIDTH.W))
    val out_valid  = Output(Bool())
    val out_data   = Output(SInt(OUT_WIDTH.W))
    val saturated  = Output(Bool())
  })
  private val outMax = (BigInt(1) << (OUT_WIDTH - 1)) - 1
  private val outMin = -(BigInt(1) << (OUT_WIDTH - 1))

  // Exact W-bit signed product (the multiplier gets a zero sign bit).
  private val product = (io.acc_in * Cat(0.U(1.W), io.multiplier).asSInt).pad(W)
  private val shiftAmount =
    Mux(io.shift > MAX_SH.U, MAX_SH.U(log2Ceil(MAX_SH + 1).W), io.shift.pad(log2Ceil(MAX_SH + 1)))
  private val roundConst = Mux(
    shiftAmount === 0.U,
    0.U(W.W),
    (1.U(W.W) << (shiftAmount - 1.U))(W - 1, 0)
  ).asSInt
  private val rounded  = (product +& roundConst)(W - 1, 0).asSInt
  private val scaled   = rounded >> shiftAmount // arithmetic shift of a signed value
  private val value    = scaled.pad(VW) +& io.zero_point.pad(VW)
  private val tooBig   = value > outMax.S(VW.W)
  private val tooSmall = value < outMin.S(VW.W)
  private val result = Mux(
    tooBig,
    outMax.S(OUT_WIDTH.W),
    Mux(tooSmall, outMin.S(OUT_WIDTH.W), value(OUT_WIDTH - 1, 0).asSInt)
  )

  private val outValid  = RegNext(io.in_valid, false.B)
  private val outData   = RegInit(0.S(OUT_WIDTH.W))
  private val saturated = RegInit(false.B)
  when(io.in_valid) {
    outData   := result
    saturated := tooBig || tooSmall
  }

  io.out_valid := outValid
  io.out_data  := outData
  io.saturated := saturated
}
