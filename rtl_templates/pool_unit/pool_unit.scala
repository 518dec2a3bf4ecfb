import chisel3._
import chisel3.util._

// pool_unit: max (MODE = 0) or rounded-half-up average (MODE = 1) of WINDOW parallel WIDTH-bit
// elements (two's complement when SIGNED = 1, else unsigned), reduced by a combinational binary
// tree and registered; out_data holds while in_valid is 0. A power-of-two WINDOW averages with
// an add and an arithmetic shift, any other with a floor division by 2*WINDOW.
// The Chisel twin of pool_unit.sv; reset is active high inside.
class PoolUnit(MODE: Int = 0, WINDOW: Int = 4, WIDTH: Int = 8, SIGNED: Int = 1) extends Module {
  private val LEVELS = log2Ceil(WINDOW)
  private val LEAVES = 1 << LEVELS
  // Every tree value is a signed SW-bit number: one bit more than WIDTH so unsigned inputs stay
  // non-negative, plus LEVELS bits of sum growth.
  private val SW = WIDTH + 1 + LEVELS
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val in_data   = Input(UInt((WINDOW * WIDTH).W))
    val out_valid = Output(Bool())
    val out_data  = Output(UInt(WIDTH.W))
  })

  private def element(i: Int): UInt = io.in_data((i + 1) * WIDTH - 1, i * WIDTH)

  // Leaves: the extended inputs; padding repeats element 0 (max) or is 0 (average).
  private val leaves: Seq[SInt] = (0 until LEAVES).map { i =>
    val e =
      if (i < WINDOW) element(i)
      else if (MODE == 0) element(0)
      else 0.U(WIDTH.W)
    if (SIGNED != 0) e.asSInt.pad(SW) else e.pad(SW).asSInt
  }

  private var nodes: Seq[SInt] = leaves
  for (_ <- 1 to LEVELS) {
    val below = nodes
    nodes = (0 until below.length / 2).map { k =>
      val left  = below(2 * k)
      val right = below(2 * k + 1)
      if (MODE == 0) Mux(right > left, right, left) else (left + right)(SW - 1, 0).asSInt
    }
  }
  private val root = nodes.head // the maximum, or the sum of the window

  private val pooled: SInt =
    if (MODE == 0 || WINDOW == 1) {
      root
    } else if ((WINDOW & (WINDOW - 1)) == 0) {
      val half = (WINDOW / 2).S(SW.W)
      ((root + half)(SW - 1, 0).asSInt >> LEVELS).asSInt
    } else {
      // floor((2*sum + WINDOW) / (2*WINDOW)), a floor division of a signed numerator.
      val nw        = SW + 2
      val den       = BigInt(2 * WINDOW)
      val numerator = ((root.pad(nw) << 1)(nw - 1, 0).asSInt + WINDOW.S(nw.W))(nw - 1, 0).asSInt
      val magnitude = (0.S(nw.W) - numerator)(nw - 1, 0) // |numerator| when it is negative
      val negQuot   = (magnitude +& (den - 1).U) / den.U
      val posQuot   = numerator.asUInt / den.U
      Mux(numerator < 0.S, (0.S(nw.W) - negQuot.pad(nw).asSInt)(nw - 1, 0).asSInt, posQuot.pad(nw).asSInt)
    }

  private val outValid = RegNext(io.in_valid, false.B)
  private val outData  = RegInit(0.U(WIDTH.W))
  when(io.in_valid) { outData := pooled.asUInt(WIDTH - 1, 0) }

  io.out_valid := outValid
  io.out_data  := outData
}
