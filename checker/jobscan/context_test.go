package jobscan

// contextCases: a SparkContext constructed after the file's first context
// (or session) in the same flow throws; the settings it is given are marked.
var contextCases = []scanCase{
	{
		// spark-examples/spark-scala-examples SparkContextOld, in PySpark.
		name: "py second SparkContext with an inline conf",
		lang: Python,
		src: `from pyspark import SparkConf, SparkContext

sc = SparkContext(conf=SparkConf().setAppName("first").setMaster("local[1]"))
sc2 = SparkContext(conf=SparkConf().setAppName("second").setMaster("local[1]"))
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="first" @3:47`,
			`set spark.master="local[1]" @3:66`,
			`set spark.app.name="second" @4:48 failed-context@3:6`,
			`set spark.master="local[1]" @4:68 failed-context@3:6`,
		},
	},
	{
		name: "scala second context with a conf val, after a session",
		lang: Scala,
		src: `val spark = SparkSession.builder().appName("a").getOrCreate()
val conf2 = new SparkConf().setAppName("b").set("spark.executor.memory", "2g")
val sc2 = new SparkContext(conf2)
val sc3 = new SparkContext("local[2]", "c")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="a" @1:44`,
			`set spark.app.name="b" @2:40 failed-context@1:49`,
			`set spark.executor.memory="2g" @2:74 failed-context@1:49`,
			`set spark.master="local[2]" @4:28 failed-context@1:49`,
			`set spark.app.name="c" @4:40 failed-context@1:49`,
		},
	},
	{
		// Contexts made in two functions are not one after the other.
		name: "py contexts in two functions",
		lang: Python,
		src: `def a():
    return SparkContext(conf=SparkConf().setAppName("a"))


def b():
    return SparkContext(conf=SparkConf().setAppName("b"))
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="a" @2:53`,
			`set spark.app.name="b" @6:53`,
		},
	},
}
