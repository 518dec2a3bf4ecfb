import chisel3._

// Registered edge detector: one-cycle pulses for a 0->1 (rise), 1->0 (fall) or any change of the
// sampled input. The history bit follows din even during reset, so no false edge follows reset.
class EdgeDetector extends Module {
  val io = IO(new Bundle {
    val din      = Input(Bool())
    val rise     = Output(Bool())
    val fall     = Output(Bool())
    val any_edge = Output(Bool())
  })
  // No reset value: during reset it simply loads the current level of din.
  private val prev = RegNext(io.din)

  io.rise     := RegNext(io.din && !prev, false.B)
  io.fall     := RegNext(!io.din && prev, false.B)
  io.any_edge := RegNext(io.din =/= prev, false.B)
}
