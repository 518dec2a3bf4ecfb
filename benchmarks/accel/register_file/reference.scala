import chisel3._
import chisel3.util._

// Register file with one synchronous write port, two combinational read ports with write-to-read
// forwarding, and a hard-wired zero register 0. Reset clears every register.
class RegisterFile(NREGS: Int = 8, WIDTH: Int = 16) extends Module {
  require(isPow2(NREGS) && NREGS >= 2, "NREGS must be a power of two, at least 2")
  private val AW = log2Ceil(NREGS)
  val io = IO(new Bundle {
    val we      = Input(Bool())
    val waddr   = Input(UInt(AW.W))
    val wdata   = Input(UInt(WIDTH.W))
    val raddr_a = Input(UInt(AW.W))
    val rdata_a = Output(UInt(WIDTH.W))
    val raddr_b = Input(UInt(AW.W))
    val rdata_b = Output(UInt(WIDTH.W))
  })
  // Entry 0 exists only for simple indexing: it is never written and never read.
  private val regs = RegInit(VecInit(Seq.fill(NREGS)(0.U(WIDTH.W))))

  when(io.we && io.waddr =/= 0.U) {
    regs(io.waddr) := io.wdata
  }

  private def read(addr: UInt): UInt =
    Mux(addr === 0.U, 0.U, Mux(io.we && io.waddr === addr, io.wdata, regs(addr)))

  io.rdata_a := read(io.raddr_a)
  io.rdata_b := read(io.raddr_b)
}
