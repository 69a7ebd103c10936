package jobscan

// optionsCases: options the scanner cannot read make the stream's options
// unknown, so that rules do not report an option they could not see as
// missing.
var optionsCases = []scanCase{
	{
		// AbsaOSS/hyperdrive KafkaStreamWriter: the key is a constant of
		// another file.
		name: "scala option key from a constant of another object",
		lang: Scala,
		src: `class W(cp: String) {
  def write(df: DataFrame) = df.writeStream
    .option(StreamWriterProperties.CheckpointLocation, cp)
    .format("kafka")
    .start()
}
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:33 format="kafka"@4:13 start@5:6 options-unknown`,
			"note @3:13 option name is not a literal (StreamWriterProperties.CheckpointLocation); the option is not checked",
		},
	},
	{
		name: "scala options map that is a parameter",
		lang: Scala,
		src: `class R(extraConfs: Map[String, String]) {
  def read(spark: SparkSession) = spark.readStream.format("kafka")
    .option("subscribe", "t")
    .options(extraConfs)
    .load()
}
`,
		want: []string{
			"kind structured session=false",
			`stream read streaming @2:41 format="kafka"@2:59 options-unknown`,
			`  opt subscribe="t" @3:26`,
			"note @4:14 options(extraConfs) could not be followed; its options are not checked",
		},
	},
	{
		name: "py writer options from a function, start keywords from a map",
		lang: Python,
		src: `sink_opts = load_options()
df.writeStream.format("parquet").options(**sink_opts).start("/data/out")
df.writeStream.format("parquet").start("/data/out2", **more)
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:4 format="parquet"@2:23 start@2:55 options-unknown`,
			`  opt path="/data/out" @2:61`,
			`stream write streaming @3:4 format="parquet"@3:23 start@3:34 options-unknown`,
			`  opt path="/data/out2" @3:40`,
			"note @2:42 options(**sink_opts) could not be followed; its options are not checked",
			"note @3:54 **more could not be followed; its options are not checked",
		},
	},
	{
		// Every entry read: the options are known.
		name: "py options map that is read in full",
		lang: Python,
		src: `opts = {"checkpointLocation": "/chk/a"}
df.writeStream.format("parquet").options(**opts).start("/data/a")
`,
		want: []string{
			"kind structured session=false",
			`stream write streaming @2:4 format="parquet"@2:23 start@2:50`,
			`  opt checkpointLocation="/chk/a" @1:31`,
			`  opt path="/data/a" @2:56`,
		},
	},
}
