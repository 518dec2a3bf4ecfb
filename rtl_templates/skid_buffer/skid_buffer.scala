import chisel3._

// skid_buffer: two-entry valid/ready register slice with a registered ready (s_ready is the
// "skid register empty" flop). The Chisel twin of skid_buffer.sv; reset is active high inside.
class SkidBuffer(WIDTH: Int = 32) extends Module {
  val io = IO(new Bundle {
    val s_valid = Input(Bool())
    val s_ready = Output(Bool())
    val s_data  = Input(UInt(WIDTH.W))
    val m_valid = Output(Bool())
    val m_ready = Input(Bool())
    val m_data  = Output(UInt(WIDTH.W))
  })
  private val mValid    = RegInit(false.B)
  private val skidValid = RegInit(false.B)
  // Data registers are not reset.
  private val mData    = Reg(UInt(WIDTH.W))
  private val skidData = Reg(UInt(WIDTH.W))

  when(skidValid) {
    // Input blocked: move the skid word to the output once the output is free.
    when(io.m_ready) {
      mValid    := true.B
      skidValid := false.B
      mData     := skidData
    }
  }.elsewhen(io.s_valid) {
    // Accepted word: to the output if it is free or draining, else into the skid slot.
    when(!mValid || io.m_ready) {
      mValid := true.B
      mData  := io.s_data
    }.otherwise {
      skidValid := true.B
      skidData  := io.s_data
    }
  }.elsewhen(io.m_ready) {
    mValid := false.B
  }

  io.s_ready := !skidValid
  io.m_valid := mValid
  io.m_data  := mData
}
