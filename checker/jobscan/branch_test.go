package jobscan

// branchCases: settings written in the arms of an if/else chain carry the
// arm, so that values of two arms are not taken as one overriding the other.
var branchCases = []scanCase{
	{
		// LucaCanali/sparkMeasure's tests: one builder per Scala version.
		name: "scala if else with blocks",
		lang: Scala,
		src: `if (v.startsWith("2.12")) {
  spark = SparkSession.builder().config("spark.jars", "a-2.12.jar").getOrCreate()
} else if (v.startsWith("2.13")) {
  spark = SparkSession.builder().config("spark.jars", "a-2.13.jar").getOrCreate()
} else {
  spark = SparkSession.builder().config("spark.jars", "a.jar").getOrCreate()
}
val b = SparkSession.builder().config("spark.jars", "after.jar")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.jars="a-2.12.jar" @2:55 if@1:1/0`,
			`set spark.jars="a-2.13.jar" @4:55 if@1:1/1`,
			`set spark.jars="a.jar" @6:55 if@1:1/2`,
			`set spark.jars="after.jar" @8:53`,
		},
	},
	{
		name: "scala if else without braces, nested in a block",
		lang: Scala,
		src: `def build(local: Boolean) = {
  val b = if (local) SparkSession.builder.config("spark.sql.shuffle.partitions", "4")
          else SparkSession.builder.config("spark.sql.shuffle.partitions", "200")
  b.getOrCreate()
}
`,
		want: []string{
			"kind unknown session=true",
			`set spark.sql.shuffle.partitions="4" @2:82 if@2:11/0`,
			`set spark.sql.shuffle.partitions="200" @3:76 if@2:11/1`,
		},
	},
	{
		name: "py if elif else, nested if, and a plain if before a later setting",
		lang: Python,
		src: `if env == "local":
    b = SparkSession.builder.config("spark.sql.shuffle.partitions", "4")
    if debug:
        b = b.config("spark.ui.enabled", "true")
elif env == "test":
    b = SparkSession.builder.config("spark.sql.shuffle.partitions", "8")
else:
    b = SparkSession.builder.config("spark.sql.shuffle.partitions", "200")
if small:
    b = b.config("spark.executor.memory", "1g")
b = b.config("spark.executor.memory", "4g")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.sql.shuffle.partitions="4" @2:69 if@1:1/0`,
			`set spark.ui.enabled="true" @4:42 if@1:1/0 if@3:5/0`,
			`set spark.sql.shuffle.partitions="8" @6:69 if@1:1/1`,
			`set spark.sql.shuffle.partitions="200" @8:69 if@1:1/2`,
			`set spark.executor.memory="1g" @10:43 if@9:1/0`,
			`set spark.executor.memory="4g" @11:39`,
		},
	},
	{
		// An else after another statement at the if's indentation belongs
		// to something else (for ... else); a conditional expression is
		// one setting.
		name: "py else that continues no if, conditional expression",
		lang: Python,
		src: `for x in xs:
    pass
else:
    b = SparkSession.builder.config("spark.app.name", "a")
b = b.config("spark.sql.shuffle.partitions", "4" if local else "200")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="a" @4:55`,
			`set spark.sql.shuffle.partitions="\"4\" if local else \"200\"" @5:46 unresolved`,
		},
	},
}
