import chisel3._
import chisel3.util._

// Population count: how many bits of data are 1, on log2Ceil(WIDTH + 1) bits so that an
// all-ones input (count = WIDTH) does not wrap.
class Popcount(WIDTH: Int = 16) extends Module {
  val io = IO(new Bundle {
    val data  = Input(UInt(WIDTH.W))
    val count = Output(UInt(log2Ceil(WIDTH + 1).W))
  })
  io.count := PopCount(io.data)
}
