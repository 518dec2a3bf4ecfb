import chisel3._

// Signed saturating multiply-accumulate: each enabled cycle adds a * b to the accumulator,
// clamping at its range limits and setting a sticky overflow flag. clear has priority over en.
class MacUnit(IN_WIDTH: Int = 8, ACC_WIDTH: Int = 24) extends Module {
  require(ACC_WIDTH >= 2 * IN_WIDTH + 1, "ACC_WIDTH must be at least 2*IN_WIDTH + 1")
  val io = IO(new Bundle {
    val en       = Input(Bool())
    val clear    = Input(Bool())
    val a        = Input(SInt(IN_WIDTH.W))
    val b        = Input(SInt(IN_WIDTH.W))
    val acc      = Output(SInt(ACC_WIDTH.W))
    val overflow = Output(Bool())
  })
  private val maxValue = ((BigInt(1) << (ACC_WIDTH - 1)) - 1).S(ACC_WIDTH.W)
  private val minValue = (-(BigInt(1) << (ACC_WIDTH - 1))).S(ACC_WIDTH.W)

  private val acc      = RegInit(0.S(ACC_WIDTH.W))
  private val overflow = RegInit(false.B)

  // Exact sum: the widening add keeps one extra bit, so nothing is lost before clamping.
  private val sum   = acc +& (io.a * io.b)
  private val above = sum > maxValue
  private val below = sum < minValue

  when(io.clear) {
    acc      := 0.S
    overflow := false.B
  }.elsewhen(io.en) {
    acc      := Mux(above, maxValue, Mux(below, minValue, sum(ACC_WIDTH - 1, 0).asSInt))
    overflow := overflow || above || below
  }

  io.acc      := acc
  io.overflow := overflow
}
