package catalog

import "strings"

// Architectures of instance types and images.
const (
	AMD64 = "amd64"
	ARM64 = "arm64"
)

// InstanceType describes an EC2 instance type.
type InstanceType struct {
	Name      string
	Arch      string // AMD64 or ARM64
	VCPU      int
	MemoryMiB int
	GPU       bool
}

// Static is a catalog held in tables.
type Static struct {
	// Regions maps a region to its zones.
	Regions map[string][]string
	// Types maps an instance type name to its description.
	Types map[string]InstanceType
	// Offers lists, per region, the instance types offered there; a region
	// that is absent offers every type of Types.
	Offers map[string][]string
}

// Zones returns the zones of region, false when the region is unknown.
func (s *Static) Zones(region string) ([]string, bool) {
	z, ok := s.Regions[region]
	return z, ok
}

// InstanceType returns the instance type called name, false when unknown.
func (s *Static) InstanceType(name string) (InstanceType, bool) {
	t, ok := s.Types[name]
	return t, ok
}

// Offered reports whether region offers the instance type name.
func (s *Static) Offered(region, name string) bool {
	if _, ok := s.Types[name]; !ok {
		return false
	}
	offers, ok := s.Offers[region]
	if !ok {
		return true
	}
	for _, o := range offers {
		if o == name {
			return true
		}
	}
	return false
}

// RegionOf returns the region of an availability zone name: the name
// without its trailing letter ("us-east-1a" → "us-east-1").
func RegionOf(zone string) string {
	return strings.TrimRight(zone, "abcdefghijklmnopqrstuvwxyz")
}
