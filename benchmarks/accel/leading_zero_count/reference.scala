import chisel3._
import chisel3.util._

// Leading-zero counter: the number of zero bits above the most significant 1 of data, or WIDTH
// (with all_zero set) when data is 0.
class LeadingZeroCount(WIDTH: Int = 32) extends Module {
  private val CW = log2Ceil(WIDTH + 1)
  val io = IO(new Bundle {
    val data     = Input(UInt(WIDTH.W))
    val count    = Output(UInt(CW.W))
    val all_zero = Output(Bool())
  })
  io.all_zero := io.data === 0.U
  // Reversing the bits turns "first 1 from the top" into "first 1 from the bottom".
  private val zeros = PriorityEncoder(Reverse(io.data))
  io.count := Mux(io.all_zero, WIDTH.U(CW.W), zeros)
}
