import chisel3._

// systolic_pe: output-stationary processing element. Activations pass west to east and weights
// north to south through registers, each with its own valid; when both valids are high the PE
// adds a_in*w_in to its wrapping signed accumulator. The Chisel twin of systolic_pe.sv.
class SystolicPe(A_WIDTH: Int = 8, W_WIDTH: Int = 8, ACC_WIDTH: Int = 32) extends Module {
  val io = IO(new Bundle {
    val clear       = Input(Bool())
    val a_in        = Input(SInt(A_WIDTH.W))
    val a_valid_in  = Input(Bool())
    val w_in        = Input(SInt(W_WIDTH.W))
    val w_valid_in  = Input(Bool())
    val a_out       = Output(SInt(A_WIDTH.W))
    val a_valid_out = Output(Bool())
    val w_out       = Output(SInt(W_WIDTH.W))
    val w_valid_out = Output(Bool())
    val acc         = Output(SInt(ACC_WIDTH.W))
  })
  private val acc    = RegInit(0.S(ACC_WIDTH.W))
  private val aOut   = RegInit(0.S(A_WIDTH.W))
  private val wOut   = RegInit(0.S(W_WIDTH.W))
  private val aValid = RegInit(false.B)
  private val wValid = RegInit(false.B)

  private val fire = io.a_valid_in && io.w_valid_in
  // Sign-extend the exact product to at least ACC_WIDTH bits, keep the low ACC_WIDTH bits.
  private val product = (io.a_in * io.w_in).pad(ACC_WIDTH)
  private val addend  = product(ACC_WIDTH - 1, 0).asSInt
  private val base    = Mux(io.clear, 0.S(ACC_WIDTH.W), acc)

  when(fire) {
    acc := (base + addend)(ACC_WIDTH - 1, 0).asSInt
  }.otherwise {
    acc := base
  }

  aValid := io.a_valid_in
  wValid := io.w_valid_in
  when(io.a_valid_in) { aOut := io.a_in }
  when(io.w_valid_in) { wOut := io.w_in }

  io.acc         := acc
  io.a_out       := aOut
  io.a_valid_out := aValid
  io.w_out       := wOut
  io.w_valid_out := wValid
}
