import chisel3._

// Piecewise-linear sigmoid: Q3.12 signed input, Q0.8 unsigned output. Three power-of-two slope
// segments (1/4, 1/8, 1/16) for |x| < 4.0, saturation beyond, and sigmoid(-x) = 1 - sigmoid(x).
class PwlSigmoid extends Module {
  val io = IO(new Bundle {
    val x = Input(SInt(16.W))
    val y = Output(UInt(8.W))
  })
  private val negative = io.x < 0.S
  // 17 bits: |-32768| = 32768 does not fit in 16.
  private val magnitude = Mux(negative, -(io.x.pad(17)), io.x.pad(17)).asUInt

  // offset + round-half-up(magnitude / 2^shift), in units of 1/256 (128..256).
  private def segment(offset: Int, shift: Int): UInt =
    offset.U(9.W) + ((magnitude + (1 << (shift - 1)).U) >> shift)

  private val upper = Wire(UInt(9.W))
  when(magnitude < 4096.U) {
    upper := segment(128, 6)
  }.elsewhen(magnitude < 8192.U) {
    upper := segment(160, 7)
  }.elsewhen(magnitude < 16384.U) {
    upper := segment(192, 8)
  }.otherwise {
    upper := 256.U
  }

  // 1.0 is not representable in Q0.8: positive inputs saturate to 255.
  io.y := Mux(negative, (256.U(9.W) - upper)(7, 0), Mux(upper(8), 255.U, upper(7, 0)))
}
