import chisel3._
import chisel3.util._

// dot_product: pipelined N-lane signed dot product. One register stage of exact products, then a
// binary adder tree with one register level per tree level (zero-padded to a power of two):
// latency 1 + $clog2(N) cycles, one result per cycle. Registers load only with valid data, so
// out_data holds the last valid result. The Chisel twin of dot_product.sv.
class DotProduct(N: Int = 8, A_WIDTH: Int = 8, B_WIDTH: Int = 8) extends Module {
  private val PW     = A_WIDTH + B_WIDTH
  private val LEVELS = log2Ceil(N)
  private val LEAVES = 1 << LEVELS
  val io = IO(new Bundle {
    val in_valid  = Input(Bool())
    val a         = Input(UInt((N * A_WIDTH).W))
    val b         = Input(UInt((N * B_WIDTH).W))
    val out_valid = Output(Bool())
    val out_data  = Output(SInt((PW + LEVELS).W))
  })

  // Stage 0: the products.
  private val products: Seq[SInt] = (0 until LEAVES).map { i =>
    if (i < N) {
      val aLane   = io.a((i + 1) * A_WIDTH - 1, i * A_WIDTH).asSInt
      val bLane   = io.b((i + 1) * B_WIDTH - 1, i * B_WIDTH).asSInt
      val product = RegInit(0.S(PW.W))
      when(io.in_valid) { product := aLane * bLane }
      product
    } else {
      0.S(PW.W)
    }
  }

  // Stages 1..LEVELS: the adder tree.
  private var nodes: Seq[SInt] = products
  private var valid: Bool      = RegNext(io.in_valid, false.B)
  for (l <- 1 to LEVELS) {
    val sw     = PW + l
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
