import chisel3._
import chisel3.util._

// adder_tree: pipelined signed adder tree with a valid pipeline. The N signed WIDTH-bit elements
// of in_data (element i at [i*WIDTH +: WIDTH]) are summed exactly into WIDTH+$clog2(N) bits by
// $clog2(N) register levels of pairwise adders (zero-padded to a power of two). A level's
// registers load only when the valid bit feeding it is 1. The Chisel twin of adder_tree.sv.
class AdderTree(N: Int = 8, WIDTH: Int = 16) extends Module {
  private val LEVELS = log2Ceil(N)
  private val LEAVES = 1 << LEVELS
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val in_data   = Input(UInt((N * WIDTH).W))
    val out_valid = Output(Bool())
    val out_data  = Output(SInt((WIDTH + LEVELS).W))
  })

  // Leaves: the input elements, then zero padding.
  private val leaves: Seq[SInt] = (0 until LEAVES).map { i =>
    if (i < N) io.in_data((i + 1) * WIDTH - 1, i * WIDTH).asSInt else 0.S(WIDTH.W)
  }

  private var nodes: Seq[SInt] = leaves
  private var valid: Bool      = io.in_valid
  for (l <- 1 to LEVELS) {
    val sw     = WIDTH + l
    val below  = nodes
    val vBelow = valid
    val vReg   = RegNext(vBelow, false.B)
    nodes = (0 until (LEAVES >> l)).map { k =>
      val sum = RegInit(0.S(sw.W))
      when(vBelow) { sum := below(2 * k) +& below(2 * k + 1) }
      sum
    }
    valid = vReg
  }

  io.out_valid := valid
  io.out_data  := nodes.head
}
