import chisel3._

// int32 -> int8 requantization with one register stage: acc * mult, rounded right shift
// (halves toward plus infinity), plus the zero point, saturated to [-128, 127].
class Requantize extends Module {
  val io = IO(new Bundle {
    val in_valid   = Input(Bool())
    val acc        = Input(SInt(32.W))
    val mult       = Input(UInt(16.W))
    val shift      = Input(UInt(5.W))
    val zero_point = Input(SInt(8.W))
    val out_valid  = Output(Bool())
    val result     = Output(SInt(8.W))
  })
  // Signed times unsigned: zero-extending mult makes it a non-negative 17-bit signed factor.
  private val product  = io.acc * io.mult.zext // 49 bits, exact
  private val rounding = Mux(io.shift === 0.U, 0.U, 1.U << (io.shift - 1.U)).zext
  private val rounded  = product +& rounding
  private val scaled   = rounded >> io.shift // arithmetic: floors
  private val biased   = scaled +& io.zero_point

  // Saturation is decided on the full-width value.
  private val saturated = Mux(biased > 127.S, 127.S(8.W), Mux(biased < -128.S, -128.S(8.W), biased(7, 0).asSInt))

  private val outValid = RegInit(false.B)
  private val result   = RegInit(0.S(8.W))
  outValid := io.in_valid
  when(io.in_valid) {
    result := saturated
  }

  io.out_valid := outValid
  io.result    := result
}
