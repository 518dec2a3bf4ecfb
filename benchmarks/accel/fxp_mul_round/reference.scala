import chisel3._

// Signed fixed-point multiply (FRAC fractional bits in operands and result): the exact product
// is rounded half away from zero to FRAC fractional bits, then saturated to WIDTH bits.
class FxpMulRound(WIDTH: Int = 16, FRAC: Int = 12) extends Module {
  require(FRAC >= 1 && FRAC < WIDTH, "need 1 <= FRAC < WIDTH")
  val io = IO(new Bundle {
    val a        = Input(SInt(WIDTH.W))
    val b        = Input(SInt(WIDTH.W))
    val result   = Output(SInt(WIDTH.W))
    val overflow = Output(Bool())
  })
  private val product = io.a * io.b // 2*WIDTH bits, exact

  // Round half away from zero: add one half for non-negative products and one half minus an ulp
  // for negative ones, then floor with an arithmetic shift. The extra bit of +& avoids wrapping.
  private val half    = (BigInt(1) << (FRAC - 1)).S
  private val halfLow = ((BigInt(1) << (FRAC - 1)) - 1).S
  private val biased  = product +& Mux(product < 0.S, halfLow, half)
  private val rounded = biased >> FRAC

  private val maxValue = ((BigInt(1) << (WIDTH - 1)) - 1).S(WIDTH.W)
  private val minValue = (-(BigInt(1) << (WIDTH - 1))).S(WIDTH.W)
  private val tooBig   = rounded > maxValue
  private val tooSmall = rounded < minValue

  io.overflow := tooBig || tooSmall
  io.result   := Mux(tooBig, maxValue, Mux(tooSmall, minValue, rounded(WIDTH - 1, 0).asSInt))
}
