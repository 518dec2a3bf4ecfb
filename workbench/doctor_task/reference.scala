import chisel3._

// The doctor's counter in Chisel: counts up every cycle, cleared by reset.
class DoctorCounter extends Module {
  val io = IO(new Bundle {
    val count = Output(UInt(4.W))
  })
  private val count = RegInit(0.U(4.W))
  count := count + 1.U
  io.count := count
}
