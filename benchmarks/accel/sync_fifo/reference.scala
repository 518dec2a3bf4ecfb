import chisel3._
import chisel3.util._

// Synchronous first-word-fall-through FIFO of DEPTH words: the oldest word is always on rd_data
// while the FIFO is not empty. Writes when full and reads when empty are ignored.
class SyncFifo(DEPTH: Int = 8, WIDTH: Int = 8) extends Module {
  require(isPow2(DEPTH) && DEPTH >= 2, "DEPTH must be a power of two, at least 2")
  private val AW = log2Ceil(DEPTH)
  private val CW = log2Ceil(DEPTH + 1)
  val io = IO(new Bundle {
    val wr_en   = Input(Bool())
    val wr_data = Input(UInt(WIDTH.W))
    val rd_en   = Input(Bool())
    val rd_data = Output(UInt(WIDTH.W))
    val full    = Output(Bool())
    val empty   = Output(Bool())
    val count   = Output(UInt(CW.W))
  })
  // Storage with a combinational read port; it is not reset, only the pointers and count are.
  private val mem   = Mem(DEPTH, UInt(WIDTH.W))
  private val wrPtr = RegInit(0.U(AW.W))
  private val rdPtr = RegInit(0.U(AW.W))
  private val count = RegInit(0.U(CW.W))

  io.full  := count === DEPTH.U
  io.empty := count === 0.U
  io.count := count

  private val doWrite = io.wr_en && !io.full
  private val doRead  = io.rd_en && !io.empty

  when(doWrite) {
    mem(wrPtr) := io.wr_data
    wrPtr      := wrPtr + 1.U // wraps naturally: DEPTH is a power of two
  }
  when(doRead) {
    rdPtr := rdPtr + 1.U
  }
  when(doWrite && !doRead) {
    count := count + 1.U
  }.elsewhen(doRead && !doWrite) {
    count := count - 1.U
  }

  io.rd_data := mem(rdPtr)
}
