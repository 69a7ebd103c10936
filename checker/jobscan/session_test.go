package jobscan

// sessionCases: a builder that runs after the file's first getOrCreate
// gets that session back; its settings carry where the session was made.
var sessionCases = []scanCase{
	{
		// a SparkContext made first: the builder's getOrCreate puts a
		// session on it and drops the builder's core settings
		name: "py SparkContext first, then a builder",
		lang: Python,
		src: `conf = SparkConf().setAppName("orders-etl")
sc = SparkContext(conf=conf)
spark = SparkSession.builder.appName("my-app").getOrCreate()
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="orders-etl" @1:31`,
			`set spark.app.name="my-app" @3:38 existing-session@2:6`,
		},
	},
	{
		name: "py second builder after getOrCreate in the same script",
		lang: Python,
		src: `from pyspark.sql import SparkSession

spark = SparkSession.builder.appName('first').config('spark.executor.memory', '1g').getOrCreate()
spark.range(3).show()

spark = SparkSession.builder.appName('second').config('spark.executor.memory', '2g').getOrCreate()
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="first" @3:38`,
			`set spark.executor.memory="1g" @3:79`,
			`set spark.app.name="second" @6:38 existing-session@3:85`,
			`set spark.executor.memory="2g" @6:80 existing-session@3:85`,
		},
	},
	{
		name: "py builder in parentheses, then a deeper later builder in the same function",
		lang: Python,
		src: `def main():
    spark = (SparkSession.builder
             .appName("a")
             .getOrCreate())
    if late:
        b = SparkSession.builder
        b.config("spark.sql.shuffle.partitions", "8")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="a" @3:23`,
			`set spark.sql.shuffle.partitions="8" @7:50 existing-session@4:15 if@5:5/0`,
		},
	},
	{
		name: "py builders in two functions or two branches are not one after the other",
		lang: Python,
		src: `def local():
    return SparkSession.builder.master("local[2]").getOrCreate()


def cluster():
    return SparkSession.builder.master("spark://m:7077").getOrCreate()


if test:
    spark = SparkSession.builder.appName("t").getOrCreate()
else:
    spark = SparkSession.builder.appName("p").getOrCreate()
`,
		want: []string{
			"kind unknown session=true",
			`set spark.master="local[2]" @2:40`,
			`set spark.master="spark://m:7077" @6:40`,
			`set spark.app.name="t" @10:42 if@9:1/0`,
			`set spark.app.name="p" @12:42 if@9:1/1`,
		},
	},
	{
		name: "scala second builder in the same block, not in another method",
		lang: Scala,
		src: `object Job {
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder.config("spark.executor.memory", "1g").getOrCreate()
    val again = SparkSession.builder
      .config("spark.executor.memory", "2g")
      .getOrCreate()
  }
  def other(): SparkSession =
    SparkSession.builder.config("spark.executor.cores", "2").getOrCreate()
}
`,
		want: []string{
			"kind unknown session=true",
			`set spark.executor.memory="1g" @3:70`,
			`set spark.executor.memory="2g" @5:40 existing-session@3:76`,
			`set spark.executor.cores="2" @9:57`,
		},
	},
}
