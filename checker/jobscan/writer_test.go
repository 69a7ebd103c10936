package jobscan

// writerCases: only Spark's own parameterless readStream/writeStream that
// something configures, loads or starts is a stream.
var writerCases = []scanCase{
	{
		// polomarcus/Spark-Structured-Streaming-Examples Main.scala.
		name: "scala project sink objects with a writeStream method",
		lang: Scala,
		src: `object Main {
  def main(args: Array[String]): Unit = {
    val songs = spark.read.parquet("/data/songs")
    ElasticSink.writeStream(songs)
    KafkaSink.writeStream(songs, "songs")
  }
}
`,
		want: []string{"kind structured session=false"},
	},
	{
		name: "py module function named writeStream",
		lang: Python,
		src: `import sinks
sinks.writeStream(songs)
`,
		want: []string{"kind structured session=false"},
	},
	{
		// AbsaOSS/hyperdrive TestKafkaStreamWriter: Mockito stubbing.
		name: "scala mockito stubbing of writeStream",
		lang: Scala,
		src: `val df = mock(classOf[DataFrame])
when(df.writeStream).thenReturn(writer)
`,
		want: []string{"kind structured session=false"},
	},
	{
		name: "writers that are configured or started elsewhere are kept",
		lang: Python,
		src: `def sink(df):
    return df.writeStream.format("parquet").option("path", "/data/out")

w = df.writeStream
w.format("console").start()
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:15 format="parquet"@2:34`,
			`  opt path="/data/out" @2:60`,
			`stream write streaming @4:8 format="console"@5:10 start@5:21`,
		},
	},
	{
		name: "query names",
		lang: Python,
		src: `df.writeStream.queryName("orders").format("parquet").start("/data/a")
df.writeStream.format("console").start(queryName=name)
df.writeStream.format("console").start()
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @1:4 format="parquet"@1:43 start@1:54`,
			`  opt path="/data/a" @1:60`,
			`  name queryName="orders" @1:26`,
			`stream write streaming @2:4 format="console"@2:23 start@2:34`,
			`  name queryName="name" @2:50 unresolved`,
			`stream write streaming @3:4 format="console"@3:23 start@3:34`,
		},
	},
	{
		// iomete/kafka-iceberg-stream job.py: a writer per trigger mode,
		// configured and started once after the if/else. Before, only the
		// else arm's writer got the checkpointLocation and the start, and
		// the if arm's was reported without a checkpoint (SPK010).
		name: "py writers bound in the arms of an if/else, started after it",
		lang: Python,
		src: `if once:
    query = df.writeStream.foreachBatch(sink).trigger(once=True)
else:
    query = df.writeStream.foreachBatch(sink).trigger(processingTime=interval)
query.option("checkpointLocation", cp).start()
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:16 format="foreachBatch"@2:28 start@5:40`,
			`  opt checkpointLocation="cp" @5:36 unresolved`,
			`  trigger once "" 0s @2:60`,
			`stream write streaming @4:16 format="foreachBatch"@4:28 start@5:40`,
			`  opt checkpointLocation="cp" @5:36 unresolved`,
			`  trigger processingTime "interval" 0s @4:70`,
		},
	},
	{
		name: "scala writers bound in the arms of an if/else, started after it",
		lang: Scala,
		src: `var w: DataStreamWriter[Row] = null
if (debug) {
  w = df.writeStream.format("console")
} else {
  w = df.writeStream.format("parquet").option("path", "/data/out")
}
w.option("checkpointLocation", "/chk").start()
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @3:10 format="console"@3:29 start@7:40`,
			`  opt checkpointLocation="/chk" @7:32`,
			`stream write streaming @5:10 format="parquet"@5:29 start@7:40`,
			`  opt path="/data/out" @5:55 if@2:1/1`,
			`  opt checkpointLocation="/chk" @7:32`,
		},
	},
	{
		// near miss: in one flow the second binding replaces the first
		// writer; what follows configures the second only
		name: "py writer rebound in sequence",
		lang: Python,
		src: `w = df.writeStream.format("console")
w = df.writeStream.format("parquet")
w.option("checkpointLocation", "/chk").start("/data/out")
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @1:8 format="console"@1:27`,
			`stream write streaming @2:8 format="parquet"@2:27 start@3:40`,
			`  opt checkpointLocation="/chk" @3:32`,
			`  opt path="/data/out" @3:46`,
		},
	},
}
