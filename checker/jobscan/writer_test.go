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
}
