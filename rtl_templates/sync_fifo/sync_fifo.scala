import chisel3._
import chisel3.util._

// sync_fifo: single-clock first-word-fall-through FIFO of DEPTH (a power of two) WIDTH-bit
// words. Writes when full and reads when empty are ignored; the status outputs are decoded from
// the registered fill level. The Chisel twin of sync_fifo.sv; reset is active high inside.
class SyncFifo(WIDTH: Int = 8, DEPTH: Int = 16, ALMOST_FULL: Int = 14) extends Module {
  private val AW = log2Ceil(DEPTH)
  private val CW = log2Ceil(DEPTH + 1)
  val io = IO(new Bundle {
    val wr_en       = Input(Bool())
    val wr_data     = Input(UInt(WIDTH.W))
    val rd_en       = Input(Bool())
    val rd_data     = Output(UInt(WIDTH.W))
    val full        = Output(Bool())
    val empty       = Output(Bool())
    val almost_full = Output(Bool())
    val count       = Output(UInt(CW.W))
  })
  // Storage is not reset: the pointers define which entries are meaningful.
  private val mem   = Mem(DEPTH, UInt(WIDTH.W))
  private val wrPtr = RegInit(0.U(AW.W))
  private val rdPtr = RegInit(0.U(AW.W))
  private val level = RegInit(0.U(CW.W))

  private val isFull  = level === DEPTH.U(CW.W)
  private val isEmpty = level === 0.U
  private val doWr    = io.wr_en && !isFull
  private val doRd    = io.rd_en && !isEmpty

  when(doWr) {
    mem.write(wrPtr, io.wr_data)
    wrPtr := wrPtr + 1.U // wraps: DEPTH = 2**AW
  }
  when(doRd) {
    rdPtr := rdPtr + 1.U
  }
  when(doWr && !doRd) {
    level := level + 1.U
  }.elsewhen(!doWr && doRd) {
    level := level - 1.U
  }

  // The almost-full threshold as a CW-bit constant (cut like the SystemVerilog cast).
  private val almostFullLevel = (BigInt(ALMOST_FULL) & ((BigInt(1) << CW) - 1)).U(CW.W)

  io.rd_data     := mem.read(rdPtr)
  io.count       := level
  io.full        := isFull
  io.empty       := isEmpty
  io.almost_full := level >= almostFullLevel
}
