package kafka

// envNameFor is EnvNameForImage for a family at its current release.
func envNameFor(f Family, property string) string {
	return EnvNameForImage(Image{Family: f}, property)
}
