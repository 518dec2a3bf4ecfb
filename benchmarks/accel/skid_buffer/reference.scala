import chisel3._

// Two-entry valid/ready skid buffer with a registered in_ready: every output comes from a
// register. The main entry drives the downstream side; the skid entry catches the word accepted
// in a cycle where the downstream side stalls.
class SkidBuffer(WIDTH: Int = 16) extends Module {
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val in_ready  = Output(Bool())
    val in_data   = Input(UInt(WIDTH.W))
    val out_valid = Output(Bool())
    val out_ready = Input(Bool())
    val out_data  = Output(UInt(WIDTH.W))
  })
  private val mainValid = RegInit(false.B)
  private val mainData  = Reg(UInt(WIDTH.W))
  private val skidValid = RegInit(false.B)
  private val skidData  = Reg(UInt(WIDTH.W))

  io.in_ready  := !skidValid
  io.out_valid := mainValid
  io.out_data  := mainData

  private val accept   = io.in_valid && !skidValid
  // The main entry can take a new word when it is empty or being popped at this edge.
  private val mainFree = !mainValid || io.out_ready

  when(mainFree) {
    when(skidValid) {
      // The older, skidded word moves up; nothing is accepted while the skid entry is full.
      mainValid := true.B
      mainData  := skidData
      skidValid := false.B
    }.otherwise {
      mainValid := accept
      when(accept) { mainData := io.in_data }
    }
  }.elsewhen(accept) {
    skidValid := true.B
    skidData  := io.in_data
  }
}
