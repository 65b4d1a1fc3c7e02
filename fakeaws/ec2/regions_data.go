package ec2

// regionInfo is one commercial AWS region.
type regionInfo struct {
	name     string
	longName string // as the console and GroupLongName say it
	short    string // zone ID prefix: use1
	optIn    bool   // launched after March 2019: needs opting in
	zones    []zoneInfo
}

// zoneInfo is an availability zone. Zone names map to zone IDs per
// account in AWS; these are the mappings seen on real accounts (us-east-1
// as AWS recorded it for LocalStack's tests).
type zoneInfo struct {
	name string
	id   string
}

var regions = []regionInfo{
	{name: "us-east-1", longName: "US East (N. Virginia)", short: "use1", zones: []zoneInfo{
		{"us-east-1a", "use1-az6"}, {"us-east-1b", "use1-az1"}, {"us-east-1c", "use1-az2"},
		{"us-east-1d", "use1-az4"}, {"us-east-1e", "use1-az3"}, {"us-east-1f", "use1-az5"},
	}},
	{name: "us-east-2", longName: "US East (Ohio)", short: "use2", zones: []zoneInfo{
		{"us-east-2a", "use2-az1"}, {"us-east-2b", "use2-az2"}, {"us-east-2c", "use2-az3"},
	}},
	{name: "us-west-1", longName: "US West (N. California)", short: "usw1", zones: []zoneInfo{
		{"us-west-1b", "usw1-az1"}, {"us-west-1c", "usw1-az3"},
	}},
	{name: "us-west-2", longName: "US West (Oregon)", short: "usw2", zones: []zoneInfo{
		{"us-west-2a", "usw2-az2"}, {"us-west-2b", "usw2-az1"}, {"us-west-2c", "usw2-az3"}, {"us-west-2d", "usw2-az4"},
	}},
	{name: "ca-central-1", longName: "Canada (Central)", short: "cac1", zones: []zoneInfo{
		{"ca-central-1a", "cac1-az1"}, {"ca-central-1b", "cac1-az2"}, {"ca-central-1d", "cac1-az4"},
	}},
	{name: "eu-west-1", longName: "Europe (Ireland)", short: "euw1", zones: []zoneInfo{
		{"eu-west-1a", "euw1-az3"}, {"eu-west-1b", "euw1-az1"}, {"eu-west-1c", "euw1-az2"},
	}},
	{name: "eu-west-2", longName: "Europe (London)", short: "euw2"},
	{name: "eu-west-3", longName: "Europe (Paris)", short: "euw3"},
	{name: "eu-central-1", longName: "Europe (Frankfurt)", short: "euc1", zones: []zoneInfo{
		{"eu-central-1a", "euc1-az2"}, {"eu-central-1b", "euc1-az3"}, {"eu-central-1c", "euc1-az1"},
	}},
	{name: "eu-north-1", longName: "Europe (Stockholm)", short: "eun1"},
	{name: "ap-south-1", longName: "Asia Pacific (Mumbai)", short: "aps1"},
	{name: "ap-northeast-1", longName: "Asia Pacific (Tokyo)", short: "apne1", zones: []zoneInfo{
		{"ap-northeast-1a", "apne1-az4"}, {"ap-northeast-1c", "apne1-az1"}, {"ap-northeast-1d", "apne1-az2"},
	}},
	{name: "ap-northeast-2", longName: "Asia Pacific (Seoul)", short: "apne2", zones: []zoneInfo{
		{"ap-northeast-2a", "apne2-az1"}, {"ap-northeast-2b", "apne2-az2"}, {"ap-northeast-2c", "apne2-az3"}, {"ap-northeast-2d", "apne2-az4"},
	}},
	{name: "ap-northeast-3", longName: "Asia Pacific (Osaka)", short: "apne3"},
	{name: "ap-southeast-1", longName: "Asia Pacific (Singapore)", short: "apse1", zones: []zoneInfo{
		{"ap-southeast-1a", "apse1-az2"}, {"ap-southeast-1b", "apse1-az1"}, {"ap-southeast-1c", "apse1-az3"},
	}},
	{name: "ap-southeast-2", longName: "Asia Pacific (Sydney)", short: "apse2"},
	{name: "sa-east-1", longName: "South America (Sao Paulo)", short: "sae1", zones: []zoneInfo{
		{"sa-east-1a", "sae1-az1"}, {"sa-east-1b", "sae1-az2"}, {"sa-east-1c", "sae1-az3"},
	}},
	{name: "af-south-1", longName: "Africa (Cape Town)", short: "afs1", optIn: true},
	{name: "ap-east-1", longName: "Asia Pacific (Hong Kong)", short: "ape1", optIn: true},
	{name: "ap-east-2", longName: "Asia Pacific (Taipei)", short: "ape2", optIn: true},
	{name: "ap-south-2", longName: "Asia Pacific (Hyderabad)", short: "aps2", optIn: true},
	{name: "ap-southeast-3", longName: "Asia Pacific (Jakarta)", short: "apse3", optIn: true},
	{name: "ap-southeast-4", longName: "Asia Pacific (Melbourne)", short: "apse4", optIn: true},
	{name: "ap-southeast-5", longName: "Asia Pacific (Malaysia)", short: "apse5", optIn: true},
	{name: "ap-southeast-6", longName: "Asia Pacific (New Zealand)", short: "apse6", optIn: true},
	{name: "ap-southeast-7", longName: "Asia Pacific (Thailand)", short: "apse7", optIn: true},
	{name: "ca-west-1", longName: "Canada West (Calgary)", short: "caw1", optIn: true},
	{name: "eu-central-2", longName: "Europe (Zurich)", short: "euc2", optIn: true},
	{name: "eu-south-1", longName: "Europe (Milan)", short: "eus1", optIn: true},
	{name: "eu-south-2", longName: "Europe (Spain)", short: "eus2", optIn: true},
	{name: "il-central-1", longName: "Israel (Tel Aviv)", short: "ilc1", optIn: true},
	{name: "me-central-1", longName: "Middle East (UAE)", short: "mec1", optIn: true},
	{name: "me-south-1", longName: "Middle East (Bahrain)", short: "mes1", optIn: true},
	{name: "mx-central-1", longName: "Mexico (Central)", short: "mxc1", optIn: true},
}

// regionByName returns a region; regions not in the table (a partition
// fakeaws does not know) get three zones a, b, c.
func regionByName(name string) (regionInfo, bool) {
	for _, r := range regions {
		if r.name == name {
			if r.zones == nil {
				r.zones = genericZones(r.name, r.short)
			}
			return r, true
		}
	}
	return regionInfo{name: name, longName: name, short: name, zones: genericZones(name, name)}, false
}

func genericZones(region, short string) []zoneInfo {
	return []zoneInfo{
		{region + "a", short + "-az1"}, {region + "b", short + "-az2"}, {region + "c", short + "-az3"},
	}
}

// zoneOf finds a zone of region by name or by zone ID.
func zoneOf(region, nameOrID string) (zoneInfo, bool) {
	r, _ := regionByName(region)
	for _, z := range r.zones {
		if z.name == nameOrID || z.id == nameOrID {
			return z, true
		}
	}
	return zoneInfo{}, false
}
