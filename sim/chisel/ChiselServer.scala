// The Chisel compile server of RTL Workbench.
//
// Compiles a candidate Chisel source with scalac (and the Chisel compiler plugin) and elaborates
// it to SystemVerilog with firtool. The workbench starts one server per candidate, inside the
// sandbox, with that candidate's job folder as its only writable place, and stops it (and with it
// every thread and process the candidate started) as soon as the job is done: no two candidates
// ever share a JVM. To keep the latency down the workbench starts the next server before the
// next candidate comes; `--warm-up` then compiles and elaborates a design of the workbench's own
// (WarmUp.scala) first (class loading and JIT warm-up paid in the background, and a self-test of
// the toolchain inside the sandbox before any candidate code is there).
//
// Protocol, one line at a time on stdin and stdout:
//   handshake: ready TAB <warm-up verdict> [TAB <first error>]   before any request is read;
//              verdict ok without --warm-up. Anything else means the server is broken.
//   request:   <job folder> TAB <top class name>
//   response:  done TAB <verdict>    verdict: ok | scala | elaboration | firtool | internal
// The job folder holds src/*.scala. The server writes classes/, design.sv (on success) and
// chisel.log (everything the compiler, Chisel and firtool said).
package rtlworkbench

import java.io.{BufferedReader, InputStreamReader, PrintStream, PrintWriter}
import java.lang.reflect.InvocationTargetException
import java.net.URLClassLoader
import java.nio.charset.StandardCharsets
import java.nio.file.{Files, Path, Paths}

import scala.jdk.CollectionConverters._
import scala.tools.nsc.{Global, Settings}
import scala.tools.nsc.reporters.ConsoleReporter

object ChiselServer {
  // Plain Verilog constructs that Icarus Verilog 11 and Verilator both accept.
  private val FirtoolOptions = Array(
    "-disable-all-randomization",
    "-strip-debug-info",
    "--lowering-options=disallowLocalVariables,disallowPackedArrays,locationInfoStyle=none"
  )

  def main(args: Array[String]): Unit = {
    val Array(classpath, plugin, rest @ _*) = args
    // The sandbox's uid has no passwd entry: the JVM's user.home would be "?", which os-lib (used by
    // Chisel's firtool resolver) rejects. HOME is the sandbox's private home.
    sys.env.get("HOME").filter(_.startsWith("/")).foreach(System.setProperty("user.home", _))
    val protocol = System.out
    protocol.println(("ready" +: (if (rest.contains("--warm-up")) warmUp(classpath, plugin) else Seq("ok"))).mkString("\t"))
    protocol.flush()
    val requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
    Iterator.continually(requests.readLine()).takeWhile(_ != null).filter(_.nonEmpty).foreach { line =>
      val verdict = line.split("\t", 2) match {
        case Array(folder, top) => runJob(Paths.get(folder), top, classpath, plugin)
        case _                  => "internal"
      }
      protocol.println(s"done\t$verdict")
      protocol.flush()
    }
  }

  // The workbench's own design, compiled and elaborated in a private folder: the verdict (and the
  // first line of the log when it is not ok).
  private def warmUp(classpath: String, plugin: String): Seq[String] = {
    val folder = Files.createTempDirectory("chisel-warm-up")
    try {
      Files.createDirectories(folder.resolve("src"))
      val design = getClass.getResourceAsStream("/WarmUp.scala")  // sim/chisel/WarmUp.scala, in server.jar
      try Files.copy(design, folder.resolve("src").resolve("WarmUp.scala")) finally design.close()
      val verdict = runJob(folder, "WarmUp", classpath, plugin)
      if (verdict == "ok") Seq("ok")
      else {
        val log = new String(Files.readAllBytes(folder.resolve("chisel.log")), StandardCharsets.UTF_8)
        Seq(verdict, log.linesIterator.map(_.trim).find(_.nonEmpty).getOrElse("").take(500))
      }
    } catch {
      case failure: Throwable => Seq("internal", failure.toString.replace('\t', ' ').replace('\n', ' ').take(500))
    } finally delete(folder)
  }

  private def delete(path: Path): Unit = {
    if (Files.isDirectory(path) && !Files.isSymbolicLink(path)) Files.list(path).iterator().asScala.foreach(delete)
    Files.deleteIfExists(path)
  }

  private def runJob(folder: Path, top: String, classpath: String, plugin: String): String = {
    val log = new PrintStream(Files.newOutputStream(folder.resolve("chisel.log")), true, "UTF-8")
    val (savedOut, savedErr) = (System.out, System.err)
    System.setOut(log)
    System.setErr(log)
    try {
      Console.withOut(log) {
        Console.withErr(log) {
          if (!compile(folder, classpath, plugin, log)) "scala" else elaborate(folder, top, classpath, log)
        }
      }
    } catch {
      case failure: Throwable =>
        log.println(s"internal error: $failure")
        "internal"
    } finally {
      System.setOut(savedOut)
      System.setErr(savedErr)
      log.close()
    }
  }

  private def compile(folder: Path, classpath: String, plugin: String, log: PrintStream): Boolean = {
    val sources = Files.list(folder.resolve("src")).iterator().asScala.map(_.toString).filter(_.endsWith(".scala")).toList
    val classes = Files.createDirectories(folder.resolve("classes"))
    val settings = new Settings(message => log.println(s"error: $message"))
    settings.processArguments(
      List("-classpath", classpath, "-d", classes.toString, s"-Xplugin:$plugin", "-language:reflectiveCalls",
           "-deprecation", "-feature", "-Ymacro-annotations", "-nowarn"),
      processAll = true)
    val writer = new PrintWriter(log, true)
    val reporter = new ConsoleReporter(settings, new BufferedReader(new InputStreamReader(System.in)), writer)
    val global = new Global(settings, reporter)
    new global.Run().compile(sources)
    reporter.finish()
    writer.flush()
    !reporter.hasErrors
  }

  private def elaborate(folder: Path, top: String, classpath: String, log: PrintStream): String = {
    val loader = new URLClassLoader(Array(folder.resolve("classes").toUri.toURL), getClass.getClassLoader)
    val topClass =
      try loader.loadClass(top)
      catch {
        case _: ClassNotFoundException =>
          log.println(s"error: the design has no class `$top` (the top module must be `class $top extends Module`)")
          return "elaboration"
      }
    try {
      val verilog = circt.stage.ChiselStage.emitSystemVerilog(
        construct(topClass).asInstanceOf[chisel3.RawModule],
        Array.empty[String],
        FirtoolOptions)
      Files.write(folder.resolve("design.sv"), verilog.getBytes(StandardCharsets.UTF_8))
      "ok"
    } catch {
      case failure: Throwable =>
        val cause = unwrap(failure)
        val firtool = cause.getClass.getName.toLowerCase.contains("firtool")
        log.println(s"${if (firtool) "firtool" else "elaboration"} error: ${describe(cause)}")
        if (firtool) "firtool" else "elaboration"
    } finally loader.close()
  }

  // A top class with parameters is built with its default arguments (Scala keeps them in the
  // companion object as `$lessinit$greater$default$N`).
  private def construct(topClass: Class[_]): AnyRef = {
    val constructor = topClass.getConstructors.minBy(_.getParameterCount)
    if (constructor.getParameterCount == 0) return constructor.newInstance().asInstanceOf[AnyRef]
    val companion = topClass.getClassLoader.loadClass(topClass.getName + "$")
    val instance = companion.getField("MODULE$").get(null)
    val defaults = (1 to constructor.getParameterCount).map { index =>
      try companion.getMethod(s"$$lessinit$$greater$$default$$$index").invoke(instance)
      catch {
        case _: NoSuchMethodException =>
          throw new IllegalArgumentException(
            s"class ${topClass.getName} needs a default value for constructor parameter $index")
      }
    }
    constructor.newInstance(defaults: _*).asInstanceOf[AnyRef]
  }

  private def unwrap(failure: Throwable): Throwable = failure match {
    case wrapped: InvocationTargetException if wrapped.getCause != null   => unwrap(wrapped.getCause)
    case wrapped: ExceptionInInitializerError if wrapped.getCause != null => unwrap(wrapped.getCause)
    case other                                                            => other
  }

  private def describe(failure: Throwable): String = {
    val frames = failure.getStackTrace.filter(f => f.getFileName != null && f.getFileName.endsWith(".scala") &&
      !f.getClassName.startsWith("chisel3.") && !f.getClassName.startsWith("scala.") &&
      !f.getClassName.startsWith("rtlworkbench.") && !f.getClassName.startsWith("circt."))
    val where = frames.headOption.map(f => s" (at ${f.getFileName}:${f.getLineNumber})").getOrElse("")
    s"${failure.getClass.getSimpleName}: ${failure.getMessage}$where"
  }
}
