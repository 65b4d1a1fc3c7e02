package catalog

import "fmt"

// AWS returns the built-in catalog of real AWS: its commercial regions and
// the instance types kOps users commonly pick. Every type counts as offered
// in every region. Each call returns fresh tables the caller may change.
func AWS() *Static {
	s := &Static{Regions: map[string][]string{}, Types: map[string]InstanceType{}}
	for region, letters := range awsZones() {
		for _, l := range letters {
			s.Regions[region] = append(s.Regions[region], region+string(l))
		}
	}
	for _, t := range awsTypes() {
		s.Types[t.Name] = t
	}
	return s
}

func awsZones() map[string]string {
	return map[string]string{
		"us-east-1": "abcdef", "us-east-2": "abc", "us-west-1": "abc", "us-west-2": "abcd",
		"ca-central-1": "abd", "ca-west-1": "abc", "mx-central-1": "abc", "sa-east-1": "abc",
		"eu-west-1": "abc", "eu-west-2": "abc", "eu-west-3": "abc", "eu-central-1": "abc",
		"eu-central-2": "abc", "eu-north-1": "abc", "eu-south-1": "abc", "eu-south-2": "abc",
		"ap-south-1": "abc", "ap-south-2": "abc", "ap-east-1": "abc", "ap-southeast-1": "abc",
		"ap-southeast-2": "abc", "ap-southeast-3": "abc", "ap-southeast-4": "abc",
		"ap-southeast-5": "abc", "ap-northeast-1": "acd", "ap-northeast-2": "abcd",
		"ap-northeast-3": "abc", "me-south-1": "abc", "me-central-1": "abc",
		"il-central-1": "abc", "af-south-1": "abc",
	}
}

func awsTypes() []InstanceType {
	// The t families: size, vCPUs (t3 and t2), MiB.
	burstableSizes := []struct {
		size       string
		vcpu, t2cp int
		mib        int
	}{
		{"nano", 2, 1, 512}, {"micro", 2, 1, 1024}, {"small", 2, 1, 2048}, {"medium", 2, 2, 4096},
		{"large", 2, 2, 8192}, {"xlarge", 4, 4, 16384}, {"2xlarge", 8, 8, 32768},
	}

	// The vCPU count of each size of the current families.
	sizeVCPU := []struct {
		size string
		vcpu int
	}{
		{"medium", 1}, {"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16},
		{"8xlarge", 32}, {"12xlarge", 48}, {"16xlarge", 64}, {"24xlarge", 96},
	}

	var out []InstanceType
	for _, fam := range []struct{ name, arch string }{{"t2", AMD64}, {"t3", AMD64}, {"t3a", AMD64}, {"t4g", ARM64}} {
		for _, s := range burstableSizes {
			vcpu := s.vcpu
			if fam.name == "t2" {
				vcpu = s.t2cp
			}
			out = append(out, InstanceType{Name: fam.name + "." + s.size, Arch: fam.arch, VCPU: vcpu, MemoryMiB: s.mib})
		}
	}
	// Families: memory per vCPU in MiB; the first size listed is the smallest.
	for _, fam := range []struct {
		name, arch, smallest string
		mibPerVCPU           int
		gpu                  bool
	}{
		{"m5", AMD64, "large", 4096, false}, {"m5a", AMD64, "large", 4096, false},
		{"m6i", AMD64, "large", 4096, false}, {"m6a", AMD64, "large", 4096, false},
		{"m7i", AMD64, "large", 4096, false}, {"m7a", AMD64, "medium", 4096, false},
		{"m6g", ARM64, "medium", 4096, false}, {"m7g", ARM64, "medium", 4096, false},
		{"m8g", ARM64, "medium", 4096, false}, {"m4", AMD64, "large", 4096, false},
		{"c5", AMD64, "large", 2048, false}, {"c5a", AMD64, "large", 2048, false},
		{"c6i", AMD64, "large", 2048, false}, {"c6a", AMD64, "large", 2048, false},
		{"c7i", AMD64, "large", 2048, false}, {"c7a", AMD64, "medium", 2048, false},
		{"c6g", ARM64, "medium", 2048, false}, {"c7g", ARM64, "medium", 2048, false},
		{"c8g", ARM64, "medium", 2048, false},
		{"r5", AMD64, "large", 8192, false}, {"r6i", AMD64, "large", 8192, false},
		{"r7i", AMD64, "large", 8192, false}, {"r6g", ARM64, "medium", 8192, false},
		{"r7g", ARM64, "medium", 8192, false},
		{"g4dn", AMD64, "xlarge", 4096, true}, {"g5", AMD64, "xlarge", 4096, true},
	} {
		started := false
		for _, s := range sizeVCPU {
			started = started || s.size == fam.smallest
			if started {
				out = append(out, InstanceType{
					Name: fam.name + "." + s.size, Arch: fam.arch, VCPU: s.vcpu,
					MemoryMiB: s.vcpu * fam.mibPerVCPU, GPU: fam.gpu,
				})
			}
		}
	}
	// Older types kOps' own tests and long-lived clusters still use.
	return append(out, []InstanceType{
		{Name: "m3.medium", Arch: AMD64, VCPU: 1, MemoryMiB: 3840},
		{Name: "m3.large", Arch: AMD64, VCPU: 2, MemoryMiB: 7680},
		{Name: "m3.xlarge", Arch: AMD64, VCPU: 4, MemoryMiB: 15360},
		{Name: "m3.2xlarge", Arch: AMD64, VCPU: 8, MemoryMiB: 30720},
		{Name: "c4.large", Arch: AMD64, VCPU: 2, MemoryMiB: 3840},
		{Name: "c4.xlarge", Arch: AMD64, VCPU: 4, MemoryMiB: 7680},
		{Name: "c4.2xlarge", Arch: AMD64, VCPU: 8, MemoryMiB: 15360},
		{Name: "a1.medium", Arch: ARM64, VCPU: 1, MemoryMiB: 2048},
		{Name: "a1.large", Arch: ARM64, VCPU: 2, MemoryMiB: 4096},
		{Name: "a1.xlarge", Arch: ARM64, VCPU: 4, MemoryMiB: 8192},
	}...)
}

// String describes the type: "t3.medium (amd64, 2 vCPU, 4 GiB)".
func (t InstanceType) String() string {
	return fmt.Sprintf("%s (%s, %d vCPU, %g GiB)", t.Name, t.Arch, t.VCPU, float64(t.MemoryMiB)/1024)
}
