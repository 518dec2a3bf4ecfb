// The warm-up design of the Chisel compile server (ChiselServer.scala --warm-up): the workbench's own,
// compiled and elaborated by every spare server before a candidate comes. It touches much of what
// answers use (SInt arithmetic, Vec, registers, when/switch, ChiselEnum, Queue, memories, util
// muxes), so that the candidate finds those classes initialised and their code compiled by the JIT.
import chisel3._
import chisel3.util._

object WarmUpState extends ChiselEnum {
  val idle, busy, done = Value
}

class WarmUpBundle(width: Int) extends Bundle {
  val data = UInt(width.W)
  val tag  = UInt(2.W)
}

class WarmUpLane(width: Int) extends Module {
  val io = IO(new Bundle {
    val a   = Input(SInt(width.W))
    val b   = Input(SInt(width.W))
    val sum = Output(SInt((width + 1).W))
    val max = Output(SInt(width.W))
  })
  io.sum := RegNext(io.a +& io.b)
  io.max := Mux(io.a > io.b, io.a, io.b)
}

class WarmUp(width: Int = 8, depth: Int = 4) extends Module {
  val io = IO(new Bundle {
    val in    = Flipped(Decoupled(new WarmUpBundle(width)))
    val out   = Decoupled(UInt(width.W))
    val vec   = Input(Vec(4, SInt(width.W)))
    val sel   = Input(UInt(2.W))
    val start = Input(Bool())
    val stats = Output(UInt((2 * width + 4).W))
    val state = Output(UInt(2.W))
    val total = Output(SInt((width + 3).W))
  })
  private val queue = Module(new Queue(new WarmUpBundle(width), depth))
  queue.io.enq <> io.in
  private val lanes = Seq.fill(2)(Module(new WarmUpLane(width)))
  lanes.zipWithIndex.foreach { case (lane, i) =>
    lane.io.a := io.vec(2 * i)
    lane.io.b := io.vec(2 * i + 1)
  }
  io.total := lanes.map(_.io.sum).reduce(_ +& _)
  private val pairs = io.vec.grouped(2).map { case Seq(lo, hi) => RegNext(lo +& hi) }.toSeq

  private val state = RegInit(WarmUpState.idle)
  private val (count, wrapped) = Counter(state === WarmUpState.busy, 5)
  switch(state) {
    is(WarmUpState.idle) { when(io.start) { state := WarmUpState.busy } }
    is(WarmUpState.busy) { when(wrapped) { state := WarmUpState.done } }
    is(WarmUpState.done) { state := WarmUpState.idle }
  }
  io.state := state.asUInt

  private val memory = SyncReadMem(16, UInt(width.W))
  private val history = RegInit(VecInit(Seq.fill(depth)(0.U(width.W))))
  private val accumulator = RegEnable(queue.io.deq.bits.data * 3.U + (queue.io.deq.bits.data >> 1), 0.U, queue.io.deq.fire)
  when(queue.io.deq.fire) {
    history(queue.io.deq.bits.tag) := queue.io.deq.bits.data
    memory.write(queue.io.deq.bits.tag, queue.io.deq.bits.data ^ Fill(width, 1.U(1.W)))
  }
  private val read = memory.read(io.sel)
  private val picked = MuxLookup(io.sel, 0.U)(Seq(0.U -> history(0), 1.U -> history(1), 2.U -> Reverse(history(2))))
  private val onehot = Mux1H(UIntToOH(io.sel), history)
  private val delayed = ShiftRegister(picked, 2)
  private val pipe = Wire(Valid(UInt(width.W)))
  pipe.valid := queue.io.deq.valid && !count.orR
  pipe.bits := Mux(PopCount(read) > (width / 2).U, read, onehot)
  private var checksum = 0.U(width.W)
  for (i <- 0 until depth) { checksum = checksum ^ (history(i) << (i % 2)).asUInt(width - 1, 0) }
  io.stats := Cat(accumulator(width - 1, 0), delayed, count, pipe.valid, checksum.xorR, read.andR, PriorityEncoder(read))(2 * width + 3, 0)
  io.out.valid := pipe.valid && pairs.map(_.asUInt.orR).reduce(_ || _)
  io.out.bits := pipe.bits + Log2(read | 1.U).pad(width)
  queue.io.deq.ready := io.out.ready
}
