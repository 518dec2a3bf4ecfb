import chisel3._

// pipeline_reg: a chain of STAGES valid/ready register slices with full throughput.
// READY_REG = 0: forward slices (ready_in = some stage at or after this one has room);
// READY_REG = 1: two-entry skid slices with a registered ready. STAGES = 0 is a wire.
// The Chisel twin of pipeline_reg.sv; reset is active high inside.
class PipelineReg(WIDTH: Int = 32, STAGES: Int = 2, READY_REG: Int = 0) extends Module {
  val io = IO(new Bundle {
    val s_valid = Input(Bool())
    val s_ready = Output(Bool())
    val s_data  = Input(UInt(WIDTH.W))
    val m_valid = Output(Bool())
    val m_ready = Input(Bool())
    val m_data  = Output(UInt(WIDTH.W))
  })

  // Handshake between stages: index g is the input side of stage g, index STAGES the output.
  private val v = Wire(Vec(STAGES + 1, Bool()))
  private val r = Wire(Vec(STAGES + 1, Bool()))
  private val d = Wire(Vec(STAGES + 1, UInt(WIDTH.W)))
  v(0)         := io.s_valid
  d(0)         := io.s_data
  io.s_ready   := r(0)
  io.m_valid   := v(STAGES)
  io.m_data    := d(STAGES)
  r(STAGES)    := io.m_ready

  if (READY_REG == 0) {
    // Forward slices. free(g): stage g has room; free(STAGES) = m_ready. The ready into stage g
    // is "some stage at or after g has room" (same as !q_valid || out_ready along the chain).
    val qValid = Seq.fill(STAGES)(RegInit(false.B))
    val qData  = Seq.fill(STAGES)(Reg(UInt(WIDTH.W)))
    val free   = qValid.map(q => !q) :+ io.m_ready
    for (g <- 0 until STAGES) {
      val inReady = free.drop(g).reduce(_ || _)
      r(g) := inReady
      when(inReady) { qValid(g) := v(g) }
      when(inReady && v(g)) { qData(g) := d(g) }
      v(g + 1) := qValid(g)
      d(g + 1) := qData(g)
    }
  } else {
    // Skid slices: valid/data and ready registered.
    for (g <- 0 until STAGES) {
      val qValid    = RegInit(false.B)
      val skidValid = RegInit(false.B)
      val qData     = Reg(UInt(WIDTH.W))
      val skidData  = Reg(UInt(WIDTH.W))
      val outReady  = r(g + 1)
      when(skidValid) {
        when(outReady) { // q_valid stays 1
          skidValid := false.B
          qData     := skidData
        }
      }.elsewhen(v(g)) {
        when(!qValid || outReady) {
          qValid := true.B
          qData  := d(g)
        }.otherwise {
          skidValid := true.B
          skidData  := d(g)
        }
      }.elsewhen(outReady) {
        qValid := false.B
      }
      r(g)     := !skidValid
      v(g + 1) := qValid
      d(g + 1) := qData
    }
  }
}
