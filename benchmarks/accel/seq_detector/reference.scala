import chisel3._
import chisel3.util._

// Moore detector for the overlapping pattern 1101 with a one-cycle registered match flag and a
// 4-bit saturating match counter.
class SeqDetector extends Module {
  val io = IO(new Bundle {
    val din     = Input(Bool())
    val `match` = Output(Bool()) // backquoted: match is a Scala keyword
    val count   = Output(UInt(4.W))
  })

  // Each state is the longest suffix of the history that is a prefix of 1101.
  object State extends ChiselEnum {
    val sNone, s1, s11, s110, sFound = Value
  }
  import State._

  private val state = RegInit(sNone)
  private val count = RegInit(0.U(4.W))

  private val next = WireDefault(sNone)
  switch(state) {
    is(sNone)  { next := Mux(io.din, s1, sNone) }
    is(s1)     { next := Mux(io.din, s11, sNone) }
    is(s11)    { next := Mux(io.din, s11, s110) }
    is(s110)   { next := Mux(io.din, sFound, sNone) }
    is(sFound) { next := Mux(io.din, s11, sNone) } // the final 1 starts a new prefix
  }

  state := next
  when(next === sFound && count =/= 15.U) {
    count := count + 1.U
  }

  io.`match` := state === sFound
  io.count   := count
}
