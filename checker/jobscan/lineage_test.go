package jobscan

// lineageCases: a writer's inputs are the readers its DataFrame comes from.
var lineageCases = []scanCase{
	{
		// rockthejvm/spark-streaming StreamingDataFrames: a socket query
		// and a file query in one file.
		name: "py socket query beside a file query",
		lang: Python,
		src: `def read_from_socket():
    lines = spark.readStream.format("socket").load()
    short = lines.filter("length(value) <= 5")
    short.writeStream.format("console").start()


def read_from_files():
    stocks = spark.readStream.format("csv").load("/data/stocks")
    stocks.writeStream.format("parquet").start("/data/out")
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @2:19 format="socket"@2:37`,
			`stream write streaming @4:11 format="console"@4:30 start@4:41 inputs=[0]`,
			`stream read streaming @8:20 format="csv"@8:38`,
			`  opt path="/data/stocks" @8:50`,
			`stream write streaming @9:12 format="parquet"@9:31 start@9:42 inputs=[2]`,
			`  opt path="/data/out" @9:48`,
		},
	},
	{
		name: "scala union, join and a reader val",
		lang: Scala,
		src: `val reader = spark.readStream.format("kafka")
val a: DataFrame = reader.load()
val b = spark.readStream.format("socket").load()
a.union(b).writeStream.format("console").start()
a.join(spark.readStream.format("rate").load(), "k").writeStream.format("console").start()
spark.readStream.format("rate").load().writeStream.format("console").start()
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @1:20 format="kafka"@1:38`,
			`stream read streaming @3:15 format="socket"@3:33`,
			`stream write streaming @4:12 format="console"@4:31 start@4:42 inputs=[0 1]`,
			`stream read streaming @5:14 format="rate"@5:32`,
			`stream write streaming @5:53 format="console"@5:72 start@5:83 inputs=[0 3]`,
			`stream read streaming @6:7 format="rate"@6:25`,
			`stream write streaming @6:40 format="console"@6:59 start@6:70 inputs=[5]`,
		},
	},
	{
		// A parameter cannot be followed back: joined with a known reader
		// it still gives no inputs, as the query's own source is unknown.
		name: "py writer on a parameter",
		lang: Python,
		src: `lines = spark.readStream.format("socket").load()
def sink(df):
    df.join(lines, "k").writeStream.format("console").start()
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @1:15 format="socket"@1:33`,
			`stream write streaming @3:25 format="console"@3:44 start@3:55`,
		},
	},
}
