package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// catalogueActions are the calls about what AWS offers rather than what
// the account made.
func (s *Service) catalogueActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"DescribeRegions":               s.describeRegions,
		"DescribeAvailabilityZones":     s.describeAvailabilityZones,
		"DescribeAccountAttributes":     s.describeAccountAttributes,
		"DescribeInstanceTypes":         s.describeInstanceTypes,
		"DescribeInstanceTypeOfferings": s.describeInstanceTypeOfferings,
		"DescribeImages":                s.describeImages,
	}
}

type regionXML struct {
	RegionName     string `xml:"regionName"`
	RegionEndpoint string `xml:"regionEndpoint"`
	OptInStatus    string `xml:"optInStatus"`
}

func (r regionInfo) xml() regionXML {
	status := "opt-in-not-required"
	if r.optIn {
		status = "not-opted-in"
	}
	return regionXML{RegionName: r.name, RegionEndpoint: "ec2." + r.name + ".amazonaws.com", OptInStatus: status}
}

var regionFilters = filterSpec[regionXML]{
	"region-name":   func(r regionXML) []string { return one(r.RegionName) },
	"endpoint":      func(r regionXML) []string { return one(r.RegionEndpoint) },
	"opt-in-status": func(r regionXML) []string { return one(r.OptInStatus) },
}

func (s *Service) describeRegions(r *awsapi.Request, p awsapi.Params) (any, error) {
	all, err := boolParam(p, "AllRegions", false)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, regionFilters, nil)
	if err != nil {
		return nil, err
	}
	names := p.List("RegionName")
	for _, n := range names {
		if _, ok := regionByName(n); !ok {
			return nil, invalidParameterValue("Invalid region names specified: [%s]", n)
		}
	}
	wanted := setOf(names)
	var out []regionXML
	for _, reg := range regions {
		x := reg.xml()
		if reg.optIn && !all && len(names) == 0 {
			continue
		}
		if len(names) > 0 && !wanted[reg.name] {
			continue
		}
		if match == nil || match(x) {
			out = append(out, x)
		}
	}
	return struct {
		Regions items[regionXML] `xml:"regionInfo"`
	}{itemsOf(out)}, nil
}

type zoneXML struct {
	ZoneName           string             `xml:"zoneName"`
	ZoneID             string             `xml:"zoneId"`
	ZoneState          string             `xml:"zoneState"`
	OptInStatus        string             `xml:"optInStatus"`
	Messages           items[messageItem] `xml:"messageSet"`
	RegionName         string             `xml:"regionName"`
	GroupName          string             `xml:"groupName"`
	GroupLongName      string             `xml:"groupLongName"`
	NetworkBorderGroup string             `xml:"networkBorderGroup"`
	ZoneType           string             `xml:"zoneType"`
}

type messageItem struct {
	Message string `xml:"message"`
}

var zoneFilters = filterSpec[zoneXML]{
	"zone-name":            func(z zoneXML) []string { return one(z.ZoneName) },
	"zone-id":              func(z zoneXML) []string { return one(z.ZoneID) },
	"region-name":          func(z zoneXML) []string { return one(z.RegionName) },
	"state":                func(z zoneXML) []string { return one(z.ZoneState) },
	"group-name":           func(z zoneXML) []string { return one(z.GroupName) },
	"group-long-name":      func(z zoneXML) []string { return one(z.GroupLongName) },
	"opt-in-status":        func(z zoneXML) []string { return one(z.OptInStatus) },
	"network-border-group": func(z zoneXML) []string { return one(z.NetworkBorderGroup) },
	"zone-type":            func(z zoneXML) []string { return one(z.ZoneType) },
	"message":              func(z zoneXML) []string { return nil },
}

func zonesXML(region string) []zoneXML {
	reg, _ := regionByName(region)
	out := make([]zoneXML, 0, len(reg.zones))
	for _, z := range reg.zones {
		out = append(out, zoneXML{
			ZoneName: z.name, ZoneID: z.id, ZoneState: "available", OptInStatus: "opt-in-not-required",
			RegionName: reg.name, GroupName: reg.name + "-zg-1", GroupLongName: reg.longName + " 1",
			NetworkBorderGroup: reg.name, ZoneType: "availability-zone",
		})
	}
	return out
}

func (s *Service) describeAvailabilityZones(r *awsapi.Request, p awsapi.Params) (any, error) {
	if _, err := boolParam(p, "AllAvailabilityZones", false); err != nil {
		return nil, err
	}
	match, err := filtersFor(p, zoneFilters, nil)
	if err != nil {
		return nil, err
	}
	zones := zonesXML(r.Region)
	names, zids := p.List("ZoneName"), p.List("ZoneId")
	for _, n := range append(append([]string(nil), names...), zids...) {
		if _, ok := zoneOf(r.Region, n); !ok {
			return nil, invalidParameterValue("Invalid availability zone: [%s]", n)
		}
	}
	wantName, wantID := setOf(names), setOf(zids)
	var out []zoneXML
	for _, z := range zones {
		if (len(names) > 0 || len(zids) > 0) && !wantName[z.ZoneName] && !wantID[z.ZoneID] {
			continue
		}
		if match == nil || match(z) {
			out = append(out, z)
		}
	}
	return struct {
		Zones items[zoneXML] `xml:"availabilityZoneInfo"`
	}{itemsOf(out)}, nil
}

type accountAttributeXML struct {
	Name   string               `xml:"attributeName"`
	Values items[attrValueItem] `xml:"attributeValueSet"`
}

type attrValueItem struct {
	Value string `xml:"attributeValue"`
}

func (s *Service) describeAccountAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	eips := strconv.Itoa(s.cfg.elasticIPLimit())
	attrs := []struct{ name, value string }{
		{"supported-platforms", "VPC"},
		{"vpc-max-security-groups-per-interface", "5"},
		{"max-elastic-ips", eips},
		{"max-instances", "20"},
		{"vpc-max-elastic-ips", eips},
		{"default-vpc", "none"},
	}
	names := p.List("AttributeName")
	for _, n := range names {
		known := false
		for _, a := range attrs {
			known = known || a.name == n
		}
		if !known {
			return nil, invalidParameterValue("Value (%s) for parameter attributeName is invalid. Unknown attribute.", n)
		}
	}
	wanted := setOf(names)
	var out []accountAttributeXML
	for _, a := range attrs {
		if len(names) == 0 || wanted[a.name] {
			out = append(out, accountAttributeXML{Name: a.name, Values: itemsOf([]attrValueItem{{a.value}})})
		}
	}
	return struct {
		Attributes items[accountAttributeXML] `xml:"accountAttributeSet"`
	}{itemsOf(out)}, nil
}

func setOf(vals []string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}
