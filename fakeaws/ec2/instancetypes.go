package ec2

import (
	"sort"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// instanceTypeXML is an InstanceTypeInfo.
type instanceTypeXML struct {
	InstanceType                  string         `xml:"instanceType"`
	CurrentGeneration             bool           `xml:"currentGeneration"`
	FreeTierEligible              bool           `xml:"freeTierEligible"`
	SupportedUsageClasses         items[string]  `xml:"supportedUsageClasses"`
	SupportedRootDeviceTypes      items[string]  `xml:"supportedRootDeviceTypes"`
	SupportedVirtualizationTypes  items[string]  `xml:"supportedVirtualizationTypes"`
	BareMetal                     bool           `xml:"bareMetal"`
	Hypervisor                    string         `xml:"hypervisor"`
	ProcessorInfo                 processorXML   `xml:"processorInfo"`
	VCPUInfo                      vcpuXML        `xml:"vCpuInfo"`
	MemoryInfo                    memoryXML      `xml:"memoryInfo"`
	InstanceStorageSupported      bool           `xml:"instanceStorageSupported"`
	EBSInfo                       ebsInfoXML     `xml:"ebsInfo"`
	NetworkInfo                   networkInfoXML `xml:"networkInfo"`
	PlacementGroupInfo            placementXML   `xml:"placementGroupInfo"`
	HibernationSupported          bool           `xml:"hibernationSupported"`
	BurstablePerformanceSupported bool           `xml:"burstablePerformanceSupported"`
	DedicatedHostsSupported       bool           `xml:"dedicatedHostsSupported"`
	AutoRecoverySupported         bool           `xml:"autoRecoverySupported"`
	SupportedBootModes            items[string]  `xml:"supportedBootModes"`
	NitroEnclavesSupport          string         `xml:"nitroEnclavesSupport"`
	NitroTpmSupport               string         `xml:"nitroTpmSupport"`
}

type processorXML struct {
	SupportedArchitectures items[string] `xml:"supportedArchitectures"`
	SustainedClockSpeed    float64       `xml:"sustainedClockSpeedInGhz"`
	Manufacturer           string        `xml:"manufacturer"`
}

type vcpuXML struct {
	DefaultVCPUs          int `xml:"defaultVCpus"`
	DefaultCores          int `xml:"defaultCores"`
	DefaultThreadsPerCore int `xml:"defaultThreadsPerCore"`
}

type memoryXML struct {
	SizeInMiB int64 `xml:"sizeInMiB"`
}

type ebsInfoXML struct {
	EBSOptimizedSupport string `xml:"ebsOptimizedSupport"`
	EncryptionSupport   string `xml:"encryptionSupport"`
	NVMeSupport         string `xml:"nvmeSupport"`
}

type networkInfoXML struct {
	NetworkPerformance       string            `xml:"networkPerformance"`
	MaximumNetworkInterfaces int               `xml:"maximumNetworkInterfaces"`
	MaximumNetworkCards      int               `xml:"maximumNetworkCards"`
	DefaultNetworkCardIndex  int               `xml:"defaultNetworkCardIndex"`
	NetworkCards             items[netCardXML] `xml:"networkCards"`
	IPv4PerInterface         int               `xml:"ipv4AddressesPerInterface"`
	IPv6PerInterface         int               `xml:"ipv6AddressesPerInterface"`
	IPv6Supported            bool              `xml:"ipv6Supported"`
	ENASupport               string            `xml:"enaSupport"`
	EFASupported             bool              `xml:"efaSupported"`
	EncryptionInTransit      bool              `xml:"encryptionInTransitSupported"`
}

type netCardXML struct {
	Index                    int    `xml:"networkCardIndex"`
	NetworkPerformance       string `xml:"networkPerformance"`
	MaximumNetworkInterfaces int    `xml:"maximumNetworkInterfaces"`
}

type placementXML struct {
	Strategies items[string] `xml:"supportedStrategies"`
}

// catalogue is every instance type, sorted by name.
var catalogue = buildCatalogue()

func buildCatalogue() []instanceTypeXML {
	var out []instanceTypeXML
	for _, f := range families {
		for _, sz := range f.sizes {
			out = append(out, instanceTypeOf(f, sz))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceType < out[j].InstanceType })
	return out
}

func instanceTypeOf(f family, sz size) instanceTypeXML {
	threads := 2
	boot := []string{"legacy-bios", "uefi"}
	if f.arch == "arm64" {
		threads, boot = 1, []string{"uefi"}
	}
	if sz.vcpus < threads {
		threads = 1
	}
	placement := []string{"cluster", "partition", "spread"}
	if f.burstable {
		placement = []string{"partition", "spread"}
	}
	name := f.name + "." + sz.name
	return instanceTypeXML{
		InstanceType:                 name,
		CurrentGeneration:            true,
		FreeTierEligible:             name == "t3.micro",
		SupportedUsageClasses:        itemsOf([]string{"on-demand", "spot"}),
		SupportedRootDeviceTypes:     itemsOf([]string{"ebs"}),
		SupportedVirtualizationTypes: itemsOf([]string{"hvm"}),
		Hypervisor:                   "nitro",
		ProcessorInfo:                processorXML{itemsOf([]string{f.arch}), f.clockGHz, f.manufacturer},
		VCPUInfo:                     vcpuXML{sz.vcpus, sz.vcpus / threads, threads},
		MemoryInfo:                   memoryXML{sz.memMiB},
		EBSInfo:                      ebsInfoXML{"default", "supported", "required"},
		NetworkInfo: networkInfoXML{
			NetworkPerformance: sz.net, MaximumNetworkInterfaces: sz.enis, MaximumNetworkCards: 1,
			NetworkCards:     itemsOf([]netCardXML{{0, sz.net, sz.enis}}),
			IPv4PerInterface: sz.ipv4, IPv6PerInterface: sz.ipv4, IPv6Supported: true, ENASupport: "required",
			EncryptionInTransit: !f.burstable,
		},
		PlacementGroupInfo:            placementXML{itemsOf(placement)},
		HibernationSupported:          f.arch == "x86_64",
		BurstablePerformanceSupported: f.burstable,
		DedicatedHostsSupported:       !f.burstable,
		AutoRecoverySupported:         true,
		SupportedBootModes:            itemsOf(boot),
		NitroEnclavesSupport:          map[bool]string{true: "unsupported", false: "supported"}[f.burstable || sz.vcpus < 4],
		NitroTpmSupport:               "supported",
	}
}

// instanceTypeInfo returns the catalogue entry of name.
func instanceTypeInfo(name string) (instanceTypeXML, bool) {
	i := sort.Search(len(catalogue), func(i int) bool { return catalogue[i].InstanceType >= name })
	if i < len(catalogue) && catalogue[i].InstanceType == name {
		return catalogue[i], true
	}
	return instanceTypeXML{}, false
}

func archOf(it instanceTypeXML) []string { return it.ProcessorInfo.SupportedArchitectures.Item }

var instanceTypeFilters = filterSpec[instanceTypeXML]{
	"instance-type":                         func(i instanceTypeXML) []string { return one(i.InstanceType) },
	"current-generation":                    func(i instanceTypeXML) []string { return boolStr(i.CurrentGeneration) },
	"free-tier-eligible":                    func(i instanceTypeXML) []string { return boolStr(i.FreeTierEligible) },
	"burstable-performance-supported":       func(i instanceTypeXML) []string { return boolStr(i.BurstablePerformanceSupported) },
	"bare-metal":                            func(i instanceTypeXML) []string { return boolStr(i.BareMetal) },
	"hypervisor":                            func(i instanceTypeXML) []string { return one(i.Hypervisor) },
	"hibernation-supported":                 func(i instanceTypeXML) []string { return boolStr(i.HibernationSupported) },
	"dedicated-hosts-supported":             func(i instanceTypeXML) []string { return boolStr(i.DedicatedHostsSupported) },
	"auto-recovery-supported":               func(i instanceTypeXML) []string { return boolStr(i.AutoRecoverySupported) },
	"instance-storage-supported":            func(i instanceTypeXML) []string { return boolStr(i.InstanceStorageSupported) },
	"processor-info.supported-architecture": archOf,
	"processor-info.manufacturer":           func(i instanceTypeXML) []string { return one(i.ProcessorInfo.Manufacturer) },
	"processor-info.sustained-clock-speed-in-ghz": func(i instanceTypeXML) []string {
		return one(strconv.FormatFloat(i.ProcessorInfo.SustainedClockSpeed, 'f', -1, 64))
	},
	"vcpu-info.default-vcpus":                 func(i instanceTypeXML) []string { return intStr(i.VCPUInfo.DefaultVCPUs) },
	"vcpu-info.default-cores":                 func(i instanceTypeXML) []string { return intStr(i.VCPUInfo.DefaultCores) },
	"vcpu-info.default-threads-per-core":      func(i instanceTypeXML) []string { return intStr(i.VCPUInfo.DefaultThreadsPerCore) },
	"memory-info.size-in-mib":                 func(i instanceTypeXML) []string { return one(strconv.FormatInt(i.MemoryInfo.SizeInMiB, 10)) },
	"network-info.network-performance":        func(i instanceTypeXML) []string { return one(i.NetworkInfo.NetworkPerformance) },
	"network-info.maximum-network-interfaces": func(i instanceTypeXML) []string { return intStr(i.NetworkInfo.MaximumNetworkInterfaces) },
	"network-info.ipv4-addresses-per-interface": func(i instanceTypeXML) []string {
		return intStr(i.NetworkInfo.IPv4PerInterface)
	},
	"network-info.ipv6-supported":    func(i instanceTypeXML) []string { return boolStr(i.NetworkInfo.IPv6Supported) },
	"network-info.ena-support":       func(i instanceTypeXML) []string { return one(i.NetworkInfo.ENASupport) },
	"network-info.efa-supported":     func(i instanceTypeXML) []string { return boolStr(i.NetworkInfo.EFASupported) },
	"ebs-info.ebs-optimized-support": func(i instanceTypeXML) []string { return one(i.EBSInfo.EBSOptimizedSupport) },
	"ebs-info.encryption-support":    func(i instanceTypeXML) []string { return one(i.EBSInfo.EncryptionSupport) },
	"ebs-info.nvme-support":          func(i instanceTypeXML) []string { return one(i.EBSInfo.NVMeSupport) },
	"supported-usage-class":          func(i instanceTypeXML) []string { return i.SupportedUsageClasses.Item },
	"supported-root-device-type":     func(i instanceTypeXML) []string { return i.SupportedRootDeviceTypes.Item },
	"supported-virtualization-type":  func(i instanceTypeXML) []string { return i.SupportedVirtualizationTypes.Item },
	"supported-boot-mode":            func(i instanceTypeXML) []string { return i.SupportedBootModes.Item },
	"nitro-enclaves-support":         func(i instanceTypeXML) []string { return one(i.NitroEnclavesSupport) },
	"nitro-tpm-support":              func(i instanceTypeXML) []string { return one(i.NitroTpmSupport) },
}

func (s *Service) describeInstanceTypes(r *awsapi.Request, p awsapi.Params) (any, error) {
	names := dedupe(p.List("InstanceType"))
	pg, err := parsePage(p, limits100, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, instanceTypeFilters, nil)
	if err != nil {
		return nil, err
	}
	var bad []string
	for _, n := range names {
		if _, ok := instanceTypeInfo(n); !ok {
			bad = append(bad, n)
		}
	}
	if len(bad) > 0 {
		return nil, awsapi.BadRequest("InvalidInstanceType", "The following supplied instance types do not exist: [%s]", strings.Join(bad, ", "))
	}
	wanted := setOf(names)
	var kept []instanceTypeXML
	for _, it := range catalogue {
		if (len(names) == 0 || wanted[it.InstanceType]) && (match == nil || match(it)) {
			kept = append(kept, it)
		}
	}
	out, next, err := pageSorted(kept, pg, func(i instanceTypeXML) string { return i.InstanceType })
	if err != nil {
		return nil, err
	}
	return struct {
		InstanceTypes items[instanceTypeXML] `xml:"instanceTypeSet"`
		NextToken     string                 `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}

type offeringXML struct {
	InstanceType string `xml:"instanceType"`
	LocationType string `xml:"locationType"`
	Location     string `xml:"location"`
}

var offeringFilters = filterSpec[offeringXML]{
	"instance-type": func(o offeringXML) []string { return one(o.InstanceType) },
	"location":      func(o offeringXML) []string { return one(o.Location) },
}

// offered reports whether zone offers the instance type.
func offered(zone, instanceType string) bool {
	fams, limited := limitedZones[zone]
	if !limited {
		return true
	}
	fam, _, _ := strings.Cut(instanceType, ".")
	for _, f := range fams {
		if f == fam {
			return true
		}
	}
	return false
}

func (s *Service) describeInstanceTypeOfferings(r *awsapi.Request, p awsapi.Params) (any, error) {
	pg, err := parsePage(p, limits1000, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, offeringFilters, nil)
	if err != nil {
		return nil, err
	}
	lt := p.Get("LocationType")
	if lt == "" {
		lt = "region"
	}
	reg, _ := regionByName(r.Region)
	var all []offeringXML
	switch lt {
	case "region":
		for _, it := range catalogue {
			all = append(all, offeringXML{it.InstanceType, lt, reg.name})
		}
	case "availability-zone", "availability-zone-id":
		for _, z := range reg.zones {
			loc := z.name
			if lt == "availability-zone-id" {
				loc = z.id
			}
			for _, it := range catalogue {
				if offered(z.name, it.InstanceType) {
					all = append(all, offeringXML{it.InstanceType, lt, loc})
				}
			}
		}
	case "outpost":
	default:
		return nil, invalidParameterValue("Value (%s) for parameter locationType is invalid. Valid values: region, availability-zone, availability-zone-id, outpost", lt)
	}
	var kept []offeringXML
	for _, o := range all {
		if match == nil || match(o) {
			kept = append(kept, o)
		}
	}
	key := func(o offeringXML) string { return o.Location + "/" + o.InstanceType }
	sort.Slice(kept, func(i, j int) bool { return key(kept[i]) < key(kept[j]) })
	out, next, err := pageSorted(kept, pg, key)
	if err != nil {
		return nil, err
	}
	return struct {
		Offerings items[offeringXML] `xml:"instanceTypeOfferingSet"`
		NextToken string             `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
