import chisel3._
import chisel3.util._

// Combinational argmax of N packed signed elements: the largest value and the lowest index at
// which it occurs.
class Argmax(N: Int = 8, WIDTH: Int = 8) extends Module {
  private val IW = log2Ceil(N)
  val io = IO(new Bundle {
    val values    = Input(UInt((N * WIDTH).W))
    val index     = Output(UInt(IW.W))
    val max_value = Output(SInt(WIDTH.W))
  })
  private val elements = Seq.tabulate(N)(i => io.values((i + 1) * WIDTH - 1, i * WIDTH).asSInt)

  // Scan in element order; only a strictly greater element replaces the best so far, so the
  // first maximum wins ties.
  private val (bestValue, bestIndex) =
    elements.zipWithIndex.tail.foldLeft((elements.head, 0.U(IW.W))) { case ((value, index), (element, i)) =>
      val greater = element > value
      (Mux(greater, element, value), Mux(greater, i.U(IW.W), index))
    }

  io.max_value := bestValue
  io.index     := bestIndex
}
