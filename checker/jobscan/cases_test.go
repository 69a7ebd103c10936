package jobscan

var scanCases = []scanCase{
	{
		name: "incident job (after)",
		lang: Python,
		src:  incidentAfter,
		want: []string{
			"kind structured session=true",
			"set spark.app.name=\"streaming_realtime_dashboard\" @6:14",
			"set spark.streaming.kafka.maxRatePerPartition=\"10000\" @7:58",
			"set spark.streaming.backpressure.enabled=\"true\" @8:53",
			"set spark.streaming.backpressure.initialRate=\"5000\" @9:57",
			"set spark.streaming.kafka.maxRetries=\"3\" @10:49",
			"set spark.streaming.kafka.metadata.max.age.ms=\"30000\" @11:58",
			"stream read streaming @16:11 format=\"kafka\"@16:29",
			"  opt kafka.bootstrap.servers=\"kafka:29092\" @17:40",
			"  opt subscribe=\"transactions\" @18:26",
			"  opt startingOffsets=\"latest\" @19:32",
			"  opt minPartitions=\"4\" @20:30",
			"stream write streaming @25:8 format=\"parquet\"@25:27 start@29:6 inputs=[0]",
			"  opt path=\"/data/out\" @26:21",
			"  opt checkpointLocation=\"/data/checkpoints/dashboard\" @27:35",
			"  trigger processingTime \"2 seconds\" 2s @28:29",
		},
	},
	{
		name: "py multi-line chain with comments between links",
		lang: Python,
		src: `spark = (
    SparkSession  # entry point
    .builder
    # the app name comes next
    .appName("x")

    # blank line and comment inside the brackets
    .config(  # key on the next line
        "spark.executor.memory",
        "2g",
    )
    .getOrCreate()
)
`,
		want: []string{
			"kind unknown session=true",
			"set spark.app.name=\"x\" @5:14",
			"set spark.executor.memory=\"2g\" @10:9",
		},
	},
	{
		name: "py backslash continuation",
		lang: Python,
		src: "spark = SparkSession.builder \\\n" +
			"    .master(\"local[2]\") \\\n" +
			"    .config(\"spark.sql.shuffle.partitions\", 8) \\\n" +
			"    .getOrCreate()\n" +
			"df = spark.readStream \\\n" +
			"  .format('kafka') \\\n" +
			"  .option('subscribe', 't').load()\n",
		want: []string{
			"kind structured session=true",
			"set spark.master=\"local[2]\" @2:13",
			"set spark.sql.shuffle.partitions=\"8\" @3:45",
			"stream read streaming @5:12 format=\"kafka\"@6:11",
			"  opt subscribe=\"t\" @7:24",
		},
	},
	{
		name: "py strings and comments that look like calls are ignored",
		lang: Python,
		src: `# spark = SparkSession.builder.config("spark.commented", "1")
doc = """
df = spark.readStream.option("subscribe", "in-a-docstring")
"""
other = '''.config("spark.single", "1")'''
also = r".option('x', 'y')"
spark = SparkSession.builder.config("spark.real", "yes").getOrCreate()  # .config("spark.trailing", "1")
`,
		want: []string{
			"kind unknown session=true",
			"set spark.real=\"yes\" @7:51",
		},
	},
	{
		name: "py string forms",
		lang: Python,
		src: `spark.conf.set("spark.a", 'single')
spark.conf.set("spark.b", rb"\d+")
spark.conf.set("spark.c", Rb'\n')
spark.conf.set("spark.d", f"{{braces}}")
spark.conf.set("spark.e", f"{name}-x")
spark.conf.set("spark.f", f"{d["k"]}")
spark.conf.set("spark.g", "tab\there" "-joined")
spark.conf.set("spark.h", u"\u00e9")
spark.conf.set("spark.i", """multi
line""")
spark.conf.set("spark.j", 1_000)
spark.conf.set("spark.k", 0x10)
spark.conf.set("spark.l", 1e3)
spark.conf.set("spark.m", True)
spark.conf.set("spark.n", -5)
spark.conf.set("spark.o", None)
`,
		want: []string{
			"kind unknown session=false",
			"set spark.a=\"single\" @1:27",
			"set spark.b=\"\\\\d+\" @2:27",
			"set spark.c=\"\\\\n\" @3:27",
			"set spark.d=\"{braces}\" @4:27",
			"set spark.e=\"f\\\"{name}-x\\\"\" @5:27 unresolved",
			"set spark.f=\"f\\\"{d[\\\"k\\\"]}\\\"\" @6:27 unresolved",
			"set spark.g=\"tab\\there-joined\" @7:27",
			"set spark.h=\"é\" @8:27",
			"set spark.i=\"multi\\nline\" @9:27",
			"set spark.j=\"1000\" @11:27",
			"set spark.k=\"16\" @12:27",
			"set spark.l=\"1000.0\" @13:27",
			"set spark.m=\"true\" @14:27",
			"set spark.n=\"-5\" @15:27",
			"set spark.o=\"None\" @16:27 unresolved",
		},
	},
	{
		// sizes written as products of integers (an XGBoost job's
		// 100 * 1024 * 1024 next to spark-defaults' 104857600: the same
		// value, not two); anything else stays the expression
		name: "integer products",
		lang: Python,
		src: `MB = 1024 * 1024
spark.conf.set("spark.sql.autoBroadcastJoinThreshold", 100 * 1024 * 1024)
spark.conf.set("spark.a", 64 * MB)
spark.conf.set("spark.b", 100 * 1024 + 1)
spark.conf.set("spark.c", 0.5 * 1024)
spark.conf.set("spark.d", 65536 * 65536)
spark.conf.set("spark.e", size * 1024)
`,
		want: []string{
			"kind unknown session=false",
			"set spark.sql.autoBroadcastJoinThreshold=\"104857600\" @2:56",
			"set spark.a=\"67108864\" @3:27",
			"set spark.b=\"100 * 1024 + 1\" @4:27 unresolved",
			"set spark.c=\"0.5 * 1024\" @5:27 unresolved",
			"set spark.d=\"65536 * 65536\" @6:27 unresolved",
			"set spark.e=\"size * 1024\" @7:27 unresolved",
		},
	},
	{
		name: "py columns count code points",
		lang: Python,
		src:  "spark = SparkSession.builder.appName(\"d\u00e9j\u00e0 vu \U0001F600\").config(\"spark.x\", \"\u20ac\").getOrCreate()\n",
		want: []string{
			"kind unknown session=true",
			"set spark.app.name=\"déjà vu 😀\" @1:38",
			"set spark.x=\"€\" @1:69",
		},
	},
	{
		name: "py variables and split chains",
		lang: Python,
		src: `import os
TOPIC = "transactions"
MAX = 5000
servers = os.environ["BOOTSTRAP"]
builder = SparkSession.builder.appName("split")
builder = builder.config("spark.sql.shuffle.partitions", MAX)
spark = builder.getOrCreate()
reader = spark.readStream.format("kafka")
reader = reader.option("subscribe", TOPIC)
reader.option("kafka.bootstrap.servers", servers)
kafka_opts = {"startingOffsets": "earliest", "failOnDataLoss": False}
df = reader.options(maxOffsetsPerTrigger=MAX, **kafka_opts).load()
writer = df.writeStream.format("console")
writer.trigger(availableNow=True)
query = writer.start()
`,
		want: []string{
			"kind structured session=true",
			"set spark.app.name=\"split\" @5:40",
			"set spark.sql.shuffle.partitions=\"5000\" @3:7",
			"stream read streaming @8:16 format=\"kafka\"@8:34",
			"  opt subscribe=\"transactions\" @2:9",
			"  opt kafka.bootstrap.servers=\"servers\" @10:42 unresolved",
			"  opt maxOffsetsPerTrigger=\"5000\" @3:7",
			"  opt startingOffsets=\"earliest\" @11:34",
			"  opt failOnDataLoss=\"false\" @11:64",
			"stream write streaming @13:13 format=\"console\"@13:32 start@15:16 inputs=[0]",
			"  trigger availableNow \"\" 0s @14:29",
		},
	},
	{
		name: "py options that cannot be followed",
		lang: Python,
		src: `key = compute()
spark = SparkSession.builder.config(key, "1").config("spark." + suffix, "2").getOrCreate()
df = spark.readStream.format(fmt).options(**load_opts()).option(name, "v").load()
`,
		want: []string{
			"kind structured session=true",
			"stream read streaming @3:12 format=\"\" options-unknown",
			"note @2:37 configuration key is not a literal (key); the setting is not checked",
			"note @2:54 configuration key is not a literal (\"spark.\" + suffix); the setting is not checked",
			"note @3:30 format is not a literal (fmt); the stream's format is unknown",
			"note @3:43 options(**load_opts()) could not be followed; its options are not checked",
			"note @3:65 option name is not a literal (name); the option is not checked",
		},
	},
	{
		name: "py triggers",
		lang: Python,
		src: `a = df.writeStream.trigger(once=True).start()
b = df.writeStream.trigger(continuous="1 second").start()
c = df.writeStream.trigger(processingTime="10s").start()
d = df.writeStream.trigger(processingTime="1 minute 30 seconds").start()
e = df.writeStream.trigger(processingTime=interval).start()
`,
		want: []string{
			"kind structured session=false",
			"stream write streaming @1:8 format=\"\" start@1:39",
			"  trigger once \"\" 0s @1:33",
			"stream write streaming @2:8 format=\"\" start@2:51",
			"  trigger continuous \"1 second\" 1s @2:39",
			"stream write streaming @3:8 format=\"\" start@3:50",
			"  trigger processingTime \"10s\" 0s @3:43 invalid",
			"stream write streaming @4:8 format=\"\" start@4:66",
			"  trigger processingTime \"1 minute 30 seconds\" 90s @4:43",
			"stream write streaming @5:8 format=\"\" start@5:53",
			"  trigger processingTime \"interval\" 0s @5:43",
		},
	},
	{
		// A university course's style (UW BD230): alphanumeric methods
		// called infix, one per line inside parentheses, where Scala
		// infers no statement end; the sink's checkpointLocation was lost.
		name: "scala infix calls across lines in parentheses",
		lang: Scala,
		src: `val spark = (SparkSession
  builder()
  appName("Trends")
  getOrCreate()
)
val df = (
  spark.readStream.format("kafka")
  option("kafka.bootstrap.servers", "kafka:9092")
  option("startingOffsets", "earliest")
  load()
)
val query = (
  df.writeStream.outputMode("append")
  format("kafka")
  option("topic", "trends")
  option("checkpointLocation", "/tmp/trends")
  start
)
`,
		want: []string{
			"kind structured session=true",
			"set spark.app.name=\"Trends\" @3:11",
			"stream read streaming @7:9 format=\"kafka\"@7:27",
			"  opt kafka.bootstrap.servers=\"kafka:9092\" @8:37",
			"  opt startingOffsets=\"earliest\" @9:29",
			"stream write streaming @13:6 format=\"kafka\"@14:10 start@17:3 inputs=[0]",
			"  opt topic=\"trends\" @15:19",
			"  opt checkpointLocation=\"/tmp/trends\" @16:32",
		},
	},
	{
		name: "py sinks",
		lang: Python,
		src: `df.writeStream.foreachBatch(process).option("checkpointLocation", "/c").start()
df.writeStream.format("delta").toTable("events")
df.writeStream.start(path="/out", format="parquet", checkpointLocation="/c2")
df.write.format("kafka").option("topic", "out").save()
df.write.parquet("/batch")
spark.read.format("kafka").option("subscribe", "t").load()
`,
		want: []string{
			"kind structured session=false",
			"stream write streaming @1:4 format=\"foreachBatch\"@1:16 start@1:73",
			"  opt checkpointLocation=\"/c\" @1:67",
			"stream write streaming @2:4 format=\"table\"@2:32 start@2:32",
			"stream write streaming @3:4 format=\"parquet\"@3:42 start@3:16",
			"  opt path=\"/out\" @3:27",
			"  opt checkpointLocation=\"/c2\" @3:72",
			"stream write batch @4:4 format=\"kafka\"@4:17 start@4:49",
			"  opt topic=\"out\" @4:42",
			"stream read batch @6:7 format=\"kafka\"@6:19",
			"  opt subscribe=\"t\" @6:48",
		},
	},
	{
		// PySpark's toTable/saveAsTable pass **options on, like start():
		// checkpointLocation= is the query's checkpoint
		// (iomete/iomete-marketplace-jobs kinesis-streaming-job)
		name: "py toTable keyword options",
		lang: Python,
		src: `df.writeStream.toTable(tableName="lake.events", format="iceberg", outputMode="append", checkpointLocation="/c", queryName="ev")
df.writeStream.toTable("lake.t2", **{"checkpointLocation": "/c2"})
`,
		want: []string{
			"kind structured session=false",
			"stream write streaming @1:4 format=\"table\"@1:16 start@1:16",
			"  opt checkpointLocation=\"/c\" @1:107",
			"  name queryName=\"ev\" @1:123",
			"stream write streaming @2:4 format=\"table\"@2:16 start@2:16",
			"  opt checkpointLocation=\"/c2\" @2:60",
		},
	},
	{
		name: "py dstream job",
		lang: Python,
		src: `from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

conf = SparkConf().setAppName("py-dstream").setMaster("local[2]")
conf.set("spark.streaming.backpressure.enabled", True)
conf.setAll([("spark.executor.memory", "1g"), ("spark.cores.max", 2)])
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 5)
stream = KafkaUtils.createDirectStream(ssc, ["transactions"], {"metadata.broker.list": "kafka:9092"})
ssc.start()
`,
		want: []string{
			"kind dstream session=true",
			"set spark.app.name=\"py-dstream\" @5:31",
			"set spark.master=\"local[2]\" @5:55",
			"set spark.streaming.backpressure.enabled=\"true\" @6:50",
			"set spark.executor.memory=\"1g\" @7:40",
			"set spark.cores.max=\"2\" @7:67",
			"ssc @9:7 batch=5s@9:28",
			"kafka @10:10 topics=transactions",
		},
	},
	{
		name: "py dstream batch from a constant, SparkContext positional",
		lang: Python,
		src: `BATCH_SECONDS = 2.5
sc = SparkContext("local[2]", "ctx-app")
topics = {"events": 1}
ssc = StreamingContext(sparkContext=sc, batchDuration=BATCH_SECONDS)
lines = KafkaUtils.createStream(ssc, "zk:2181", "group", topics)
`,
		want: []string{
			"kind dstream session=true",
			"set spark.master=\"local[2]\" @2:19",
			"set spark.app.name=\"ctx-app\" @2:31",
			"ssc @4:7 batch=2.5s@1:17",
			"kafka @5:9 topics=events",
		},
	},
	{
		name: "py kind: dstream wins over structured; imports do not count",
		lang: Python,
		src: `from pyspark.streaming import StreamingContext
ssc = StreamingContext(spark.sparkContext, 1)
spark.readStream.format("rate").load()
`,
		want: []string{
			"kind dstream session=true",
			"stream read streaming @3:7 format=\"rate\"@3:25",
			"ssc @2:7 batch=1s@2:44",
		},
	},
	{
		name: "py import only is unknown",
		lang: Python,
		src: `from pyspark.streaming import StreamingContext
from pyspark.sql import SparkSession
print("SparkSession.builder.config('spark.x', '1')")
`,
		want: []string{
			"kind unknown session=false",
		},
	},
	{
		name: "py unterminated string and unbalanced brackets",
		lang: Python,
		src: `spark = (SparkSession.builder
    .config("spark.a", "1")
    .config("spark.b", "unterminated)

def later():
    spark.conf.set("spark.d", "4")
x = foo(]
`,
		want: []string{
			"kind unknown session=true",
			"set spark.a=\"1\" @2:24",
			"set spark.b=\"unterminated)\" @3:24",
			"set spark.d=\"4\" @6:31",
			"note @1:9 \"(\" is never closed",
			"note @3:12 \"(\" is never closed",
			"note @3:24 unterminated string literal",
			"note @7:8 \"(\" is never closed",
			"note @7:9 unexpected \"]\"",
		},
	},
	{
		name: "py unterminated triple-quoted string",
		lang: Python,
		src: `spark.conf.set("spark.a", "1")
x = """never closed
spark.conf.set("spark.b", "2")
`,
		want: []string{
			"kind unknown session=false",
			"set spark.a=\"1\" @1:27",
			"note @2:5 unterminated string literal",
		},
	},
	{
		name: "py CRLF line endings",
		lang: Python,
		src:  "spark = SparkSession.builder \\\r\n    .config(\"spark.a\", \"1\") \\\r\n    .getOrCreate()\r\nspark.conf.set(\"spark.b\", \"2\")\r\n",
		want: []string{
			"kind unknown session=true",
			"set spark.a=\"1\" @2:24",
			"set spark.b=\"2\" @4:27",
		},
	},
	{
		name: "empty file",
		lang: Python,
		src:  "",
		want: []string{
			"kind unknown session=false",
		},
	},
	{
		name: "non-UTF-8 file",
		lang: Python,
		src:  "spark = SparkSession.builder.config(\"spark.\xff\", \"v\xfe\").config(\"spark.b\", \"ok\")\n",
		want: []string{
			"kind unknown session=true",
			"set spark.�=\"v�\" @1:48",
			"set spark.b=\"ok\" @1:72",
			"note @1:1 file is not valid UTF-8; each invalid byte counts as one column",
		},
	},
	{
		name: "scala structured job with comments",
		lang: Scala,
		src: `import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.streaming.Trigger
import scala.concurrent.duration._

/* Header.
   /* nested: .config("spark.nested", "1") */
   still a comment: .config("spark.comment", "1") */
object App {
  val Topic = "transactions" // .option("subscribe", "comment")
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder()
      .appName("scala-app")
      // .config("spark.line.comment", "1")
      .config("spark.sql.shuffle.partitions", 4)
      .config("spark.url", "http://x//y/*z")
      .getOrCreate()

    val df = spark.readStream
      .format("kafka")
      .options(Map("kafka.bootstrap.servers" -> "kafka:9092", "subscribe" -> Topic))
      .option("maxOffsetsPerTrigger", 1000L)
      .load()

    val q = """.option("in", "triple") """
    df.writeStream
      .format("console")
      .trigger(Trigger.ProcessingTime(5.seconds))
      .start()
    spark.conf.set("spark.sql.streaming.checkpointLocation", "/chk")
  }
}
`,
		want: []string{
			"kind structured session=true",
			"set spark.app.name=\"scala-app\" @12:16",
			"set spark.sql.shuffle.partitions=\"4\" @14:47",
			"set spark.url=\"http://x//y/*z\" @15:28",
			"set spark.sql.streaming.checkpointLocation=\"/chk\" @29:62",
			"stream read streaming @18:20 format=\"kafka\"@19:15",
			"  opt kafka.bootstrap.servers=\"kafka:9092\" @20:49",
			"  opt subscribe=\"transactions\" @9:15",
			"  opt maxOffsetsPerTrigger=\"1000\" @21:39",
			"stream write streaming @25:8 format=\"console\"@26:15 start@28:8 inputs=[0]",
			"  trigger processingTime \"5.seconds\" 5s @27:39",
		},
	},
	{
		name: "scala string forms",
		lang: Scala,
		src: `object S {
  val url = "u"
  val c = '"'
  val sym = 'symbol
  conf.set("spark.a", s"prefix-$url")
  conf.set("spark.b", s"no-splice-$$")
  conf.set("spark.c", raw"\d+")
  conf.set("spark.d", f"${1 + 1}%d")
  conf.set("spark.e", """a "quoted" b""")
  conf.set("spark.f", """ends with quotes"""")
  conf.set("spark.g", true)
  conf.set("spark.h", url)
}
`,
		want: []string{
			"kind unknown session=false",
			"set spark.a=\"s\\\"prefix-$url\\\"\" @5:23 unresolved",
			"set spark.b=\"no-splice-$\" @6:23",
			"set spark.c=\"\\\\d+\" @7:23",
			"set spark.d=\"f\\\"${1 + 1}%d\\\"\" @8:23 unresolved",
			"set spark.e=\"a \\\"quoted\\\" b\" @9:23",
			"set spark.f=\"ends with quotes\\\"\" @10:23",
			"set spark.g=\"true\" @11:23",
			"set spark.h=\"u\" @2:13",
		},
	},
	{
		name: "scala triggers and sinks",
		lang: Scala,
		src: `object T {
  df.writeStream.trigger(Trigger.ProcessingTime("10 seconds")).start()
  df.writeStream.trigger(Trigger.ProcessingTime(5000)).start()
  df.writeStream.trigger(Trigger.ProcessingTime(2, TimeUnit.MINUTES)).start()
  df.writeStream.trigger(ProcessingTime(500 millis)).start()
  df.writeStream.trigger(Trigger.Once()).start()
  df.writeStream.trigger(Trigger.Continuous("1 second")).start()
  df.writeStream.trigger(Trigger.ProcessingTime("10s")).toTable("t")
  df.writeStream.foreachBatch { (batch: DataFrame, id: Long) =>
    batch.write.format("kafka").option("topic", "out").save()
  }.start()
}
`,
		want: []string{
			"kind structured session=false",
			"stream write streaming @2:6 format=\"\" start@2:64",
			"  trigger processingTime \"10 seconds\" 10s @2:49",
			"stream write streaming @3:6 format=\"\" start@3:56",
			"  trigger processingTime \"5000\" 5s @3:49",
			"stream write streaming @4:6 format=\"\" start@4:71",
			"  trigger processingTime \"2, TimeUnit.MINUTES\" 120s @4:49",
			"stream write streaming @5:6 format=\"\" start@5:54",
			"  trigger processingTime \"500 millis\" 0.5s @5:41",
			"stream write streaming @6:6 format=\"\" start@6:42",
			"  trigger once \"\" 0s @6:34",
			"stream write streaming @7:6 format=\"\" start@7:58",
			"  trigger continuous \"1 second\" 1s @7:45",
			"stream write streaming @8:6 format=\"table\"@8:57 start@8:57",
			"  trigger processingTime \"10s\" 0s @8:49 invalid",
			"stream write streaming @9:6 format=\"foreachBatch\"@9:18 start@11:5",
			"stream write batch @10:11 format=\"kafka\"@10:24 start@10:56",
			"  opt topic=\"out\" @10:49",
		},
	},
	{
		name: "scala dstream job",
		lang: Scala,
		src: `import org.apache.spark.SparkConf
import org.apache.spark.streaming.{Seconds, StreamingContext}
import org.apache.spark.streaming.kafka010._

object DirectKafka {
  def main(args: Array[String]): Unit = {
    val conf = new SparkConf()
      .setAppName("direct-kafka")
      .set("spark.streaming.backpressure.enabled", "true")
      .set("spark.streaming.kafka.maxRatePerPartition", 1000)
    conf.set("spark.streaming.stopGracefullyOnShutdown", "true")
    val ssc = new StreamingContext(conf, Seconds(2))
    val kafkaParams = Map[String, Object]("bootstrap.servers" -> "kafka:9092")
    val topics = Array("transactions", "audit")
    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent, Subscribe[String, String](topics, kafkaParams))
    ssc.start()
  }
}
`,
		want: []string{
			"kind dstream session=true",
			"set spark.app.name=\"direct-kafka\" @8:19",
			"set spark.streaming.backpressure.enabled=\"true\" @9:52",
			"set spark.streaming.kafka.maxRatePerPartition=\"1000\" @10:57",
			"set spark.streaming.stopGracefullyOnShutdown=\"true\" @11:58",
			"ssc @12:19 batch=2s@12:42",
			"kafka @15:18 topics=transactions,audit",
		},
	},
	{
		name: "scala dstream variants",
		lang: Scala,
		src: `object V {
  val batch = Milliseconds(500)
  val ssc1 = new StreamingContext(sc, batch)
  val ssc2 = new StreamingContext("local[2]", "app", Minutes(1))
  val ssc3 = new StreamingContext(conf, Durations.seconds(10))
  val topicsSet = "a, b".split(",").toSet
  KafkaUtils.createDirectStream[String, String, StringDecoder, StringDecoder](ssc1, kafkaParams, topicsSet)
}
`,
		want: []string{
			"kind dstream session=true",
			"ssc @3:18 batch=0.5s@2:15",
			"ssc @4:18 batch=60s@4:54",
			"ssc @5:18 batch=10s@5:41",
			"kafka @7:3 topics=a,b",
		},
	},
	{
		// a class parameter list may put val/var first on a line
		// (bgasparotto/spark-streaming Sessionizer); an unclosed call
		// before a val statement is still noted
		name: "scala class parameters on their own lines",
		lang: Scala,
		src: `case class SessionData(
    length: Long,
    var clicks: List[String]
)
class Pair[K, V](
    val key: K,
    private var value: V)
object Job {
  val spark = SparkSession.builder.config("spark.a", "1").getOrCreate()
  foo(
  val x = 1
}
`,
		want: []string{
			"kind unknown session=true",
			"set spark.a=\"1\" @9:54",
			"note @10:6 \"(\" is never closed",
		},
	},
	{
		name: "scala unbalanced braces",
		lang: Scala,
		src: `object Broken {
  def main(): Unit = {
    val spark = SparkSession.builder.config("spark.a", "1").getOrCreate()
    spark.conf.set("spark.b", "unterminated)
  spark.conf.set("spark.c", "3"
}
`,
		want: []string{
			"kind unknown session=true",
			"set spark.a=\"1\" @3:56",
			"set spark.b=\"unterminated)\" @4:31",
			"set spark.c=\"3\" @5:29",
			"note @1:15 \"{\" is never closed",
			"note @4:19 \"(\" is never closed",
			"note @4:31 unterminated string literal",
			"note @5:17 \"(\" is never closed",
		},
	},
}

// moreCases cover PySpark keyword forms and Scala details.
var moreCases = []scanCase{
	{
		name: "py builder config keyword and map forms",
		lang: Python,
		src: `spark = (SparkSession.builder
    .config(key="spark.a", value="1")
    .config(map={"spark.b": "2", "spark.c": 3})
    .config(conf=SparkConf().set("spark.d", "4"))
    .getOrCreate())
`,
		want: []string{
			"kind unknown session=true",
			`set spark.a="1" @2:34`,
			`set spark.b="2" @3:29`,
			`set spark.c="3" @3:45`,
			`set spark.d="4" @4:45`,
		},
	},
	{
		name: "py set outside a known SparkConf needs a spark. key",
		lang: Python,
		src: `def configure(c):
    c.set("spark.executor.cores", "2")
    c.set("not.spark", "x")
    cache.set("spark", 1)
`,
		want: []string{
			"kind unknown session=false",
			`set spark.executor.cores="2" @2:35`,
		},
	},
	{
		name: "py stream chain returned from a function; a parameter default is not a constant",
		lang: Python,
		src: `def read(spark, topic="events"):
    return (spark.readStream
            .format("kafka")
            .option("subscribe", topic)
            .load())
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @2:19 format="kafka"@3:21`,
			`  opt subscribe="topic" @4:34 unresolved`,
		},
	},
	{
		name: "scala reader through a val, Kafka options Map val",
		lang: Scala,
		src: `val opts = Map("subscribe" -> "t1", "startingOffsets" -> "earliest")
val reader = spark.readStream.format("kafka")
val df = reader
  .options(opts)
  .option("maxOffsetsPerTrigger", 10000)
  .load()
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @2:20 format="kafka"@2:38`,
			`  opt subscribe="t1" @1:31`,
			`  opt startingOffsets="earliest" @1:58`,
			`  opt maxOffsetsPerTrigger="10000" @5:35`,
		},
	},
}

// continuationCases check statements that go on after "=" or an infix
// operator at the end of a line.
var continuationCases = []scanCase{
	{
		name: "scala value on the line after =",
		lang: Scala,
		src: `object C {
  val topic =
    "events"
  def createContext(): StreamingContext =
    new StreamingContext(conf, Seconds(3))
  val prefix = "a" +
    "b"
  KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent, Subscribe[String, String](Set(topic), params))
  df.writeStream.foreachBatch { (b: DataFrame, id: Long) =>
    b.write.format("kafka").save()
  }.start()
}
`,
		want: []string{
			"kind dstream session=true",
			`stream write streaming @9:6 format="foreachBatch"@9:18 start@11:5`,
			`stream write batch @10:7 format="kafka"@10:20 start@10:29`,
			"ssc @5:9 batch=3s@5:32",
			"kafka @8:3 topics=events",
		},
	},
}

// triggerVariableCases check triggers held in variables.
var triggerVariableCases = []scanCase{
	{
		name: "scala trigger from a val; unknown trigger noted",
		lang: Scala,
		src: `val every = Trigger.ProcessingTime("1 minute")
df.writeStream.trigger(every).start()
df.writeStream.trigger(custom).start()
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:4 format="" start@2:31`,
			`  trigger processingTime "1 minute" 60s @1:36`,
			`stream write streaming @3:4 format="" start@3:32`,
			`  trigger  "" 0s @3:16`,
			"note @3:16 trigger(custom) could not be followed",
		},
	},
}

// selfReferenceCases must terminate.
var selfReferenceCases = []scanCase{
	{
		name: "py names defined through themselves",
		lang: Python,
		src: `opts = {**opts, "subscribe": "t"}
a = b
b = a
df = spark.readStream.options(**opts).option("x", a).load()
`,
		want: []string{
			"kind structured session=false",
			"stream read streaming @4:12 format=\"\" options-unknown",
			`  opt subscribe="t" @1:30`,
			`  opt x="a" @4:51 unresolved`,
			"note @4:31 options(**opts) could not be followed; its options are not checked",
		},
	},
}
