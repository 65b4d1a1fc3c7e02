package ec2

// The instance type catalogue: the families clusters are built of, with
// the sizes, vCPUs, memory, network performance and ENI limits AWS
// publishes for them.

type family struct {
	name         string
	arch         string // x86_64 | arm64
	manufacturer string
	clockGHz     float64
	burstable    bool
	sizes        []size
}

type size struct {
	name   string
	vcpus  int
	memMiB int64
	net    string // NetworkPerformance
	enis   int    // MaximumNetworkInterfaces
	ipv4   int    // Ipv4AddressesPerInterface
}

const gib = 1024

// burstableSizes are the t3/t3a/t4g sizes.
var burstableSizes = []size{
	{"nano", 2, gib / 2, "Up to 5 Gigabit", 2, 2},
	{"micro", 2, 1 * gib, "Up to 5 Gigabit", 2, 2},
	{"small", 2, 2 * gib, "Up to 5 Gigabit", 3, 4},
	{"medium", 2, 4 * gib, "Up to 5 Gigabit", 3, 6},
	{"large", 2, 8 * gib, "Up to 5 Gigabit", 3, 12},
	{"xlarge", 4, 16 * gib, "Up to 5 Gigabit", 4, 15},
	{"2xlarge", 8, 32 * gib, "Up to 5 Gigabit", 4, 15},
}

// sizesOf builds the sizes of a fixed-performance family from vCPUs per
// size, GiB of memory per vCPU and network performance per size.
func sizesOf(memPerVCPU int64, spec []struct {
	name  string
	vcpus int
	net   string
}) []size {
	out := make([]size, 0, len(spec))
	for _, s := range spec {
		enis, ipv4 := eniLimits(s.vcpus)
		out = append(out, size{s.name, s.vcpus, int64(s.vcpus) * memPerVCPU * gib, s.net, enis, ipv4})
	}
	return out
}

// eniLimits are the ENI limits of the Nitro general purpose, compute and
// memory families by vCPU count.
func eniLimits(vcpus int) (enis, ipv4 int) {
	switch {
	case vcpus <= 1:
		return 2, 4
	case vcpus == 2:
		return 3, 10
	case vcpus <= 8:
		return 4, 15
	case vcpus <= 48:
		return 8, 30
	default:
		return 15, 50
	}
}

type sizeSpec = []struct {
	name  string
	vcpus int
	net   string
}

var (
	gen5Sizes = sizeSpec{
		{"large", 2, "Up to 10 Gigabit"}, {"xlarge", 4, "Up to 10 Gigabit"}, {"2xlarge", 8, "Up to 10 Gigabit"},
		{"4xlarge", 16, "Up to 10 Gigabit"}, {"8xlarge", 32, "10 Gigabit"}, {"12xlarge", 48, "12 Gigabit"},
		{"16xlarge", 64, "20 Gigabit"}, {"24xlarge", 96, "25 Gigabit"},
	}
	c5Sizes = sizeSpec{
		{"large", 2, "Up to 10 Gigabit"}, {"xlarge", 4, "Up to 10 Gigabit"}, {"2xlarge", 8, "Up to 10 Gigabit"},
		{"4xlarge", 16, "Up to 10 Gigabit"}, {"9xlarge", 36, "12 Gigabit"}, {"12xlarge", 48, "12 Gigabit"},
		{"18xlarge", 72, "25 Gigabit"}, {"24xlarge", 96, "25 Gigabit"},
	}
	gen6Sizes = sizeSpec{
		{"large", 2, "Up to 12.5 Gigabit"}, {"xlarge", 4, "Up to 12.5 Gigabit"}, {"2xlarge", 8, "Up to 12.5 Gigabit"},
		{"4xlarge", 16, "Up to 12.5 Gigabit"}, {"8xlarge", 32, "12.5 Gigabit"}, {"12xlarge", 48, "18.75 Gigabit"},
		{"16xlarge", 64, "25 Gigabit"}, {"24xlarge", 96, "37.5 Gigabit"}, {"32xlarge", 128, "50 Gigabit"},
	}
	gen7Sizes = sizeSpec{
		{"large", 2, "Up to 12.5 Gigabit"}, {"xlarge", 4, "Up to 12.5 Gigabit"}, {"2xlarge", 8, "Up to 12.5 Gigabit"},
		{"4xlarge", 16, "Up to 12.5 Gigabit"}, {"8xlarge", 32, "12.5 Gigabit"}, {"12xlarge", 48, "18.75 Gigabit"},
		{"16xlarge", 64, "25 Gigabit"}, {"24xlarge", 96, "37.5 Gigabit"}, {"48xlarge", 192, "50 Gigabit"},
	}
	m6gSizes = sizeSpec{
		{"medium", 1, "Up to 10 Gigabit"}, {"large", 2, "Up to 10 Gigabit"}, {"xlarge", 4, "Up to 10 Gigabit"},
		{"2xlarge", 8, "Up to 10 Gigabit"}, {"4xlarge", 16, "Up to 10 Gigabit"}, {"8xlarge", 32, "12 Gigabit"},
		{"12xlarge", 48, "20 Gigabit"}, {"16xlarge", 64, "25 Gigabit"},
	}
)

var families = []family{
	{name: "t3", arch: "x86_64", manufacturer: "Intel", clockGHz: 2.5, burstable: true, sizes: burstableSizes},
	{name: "t3a", arch: "x86_64", manufacturer: "AMD", clockGHz: 2.2, burstable: true, sizes: burstableSizes},
	{name: "t4g", arch: "arm64", manufacturer: "AWS", clockGHz: 2.5, burstable: true, sizes: burstableSizes},
	{name: "m5", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.1, sizes: sizesOf(4, gen5Sizes)},
	{name: "m6i", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.5, sizes: sizesOf(4, gen6Sizes)},
	{name: "m6g", arch: "arm64", manufacturer: "AWS", clockGHz: 2.5, sizes: sizesOf(4, m6gSizes)},
	{name: "m7i", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.2, sizes: sizesOf(4, gen7Sizes)},
	{name: "c5", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.4, sizes: sizesOf(2, c5Sizes)},
	{name: "c6i", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.5, sizes: sizesOf(2, gen6Sizes)},
	{name: "c7i", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.2, sizes: sizesOf(2, gen7Sizes)},
	{name: "r5", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.1, sizes: sizesOf(8, gen5Sizes)},
	{name: "r6i", arch: "x86_64", manufacturer: "Intel", clockGHz: 3.5, sizes: sizesOf(8, gen6Sizes)},
}

// limitedZones offer only the older families: us-east-1e (use1-az3) is
// AWS's well-known constrained zone.
var limitedZones = map[string][]string{
	"us-east-1e": {"t3", "t3a", "m5", "c5", "r5"},
}
