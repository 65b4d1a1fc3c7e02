package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func subnetFilters(s *Service, sc scope) filterSpec[*subnet] {
	cidr := func(x *subnet) []string { return one(x.CidrBlock) }
	az := func(x *subnet) []string { return one(x.AZ) }
	azID := func(x *subnet) []string { return one(x.AZID) }
	def := func(x *subnet) []string { return boolStr(x.DefaultForAz) }
	return filterSpec[*subnet]{
		"subnet-id":                       func(x *subnet) []string { return one(x.ID) },
		"vpc-id":                          func(x *subnet) []string { return one(x.VpcID) },
		"cidr-block":                      cidr,
		"cidr":                            cidr,
		"cidrBlock":                       cidr,
		"availability-zone":               az,
		"availabilityZone":                az,
		"availability-zone-id":            azID,
		"availabilityZoneId":              azID,
		"default-for-az":                  def,
		"defaultForAz":                    def,
		"state":                           func(x *subnet) []string { return one("available") },
		"owner-id":                        func(x *subnet) []string { return one(x.OwnerID) },
		"subnet-arn":                      func(x *subnet) []string { return one(s.arn(sc, "subnet", x.ID)) },
		"map-public-ip-on-launch":         func(x *subnet) []string { return boolStr(x.MapPublicIP) },
		"assign-ipv6-address-on-creation": func(x *subnet) []string { return boolStr(x.AssignIPv6) },
		"enable-dns64":                    func(x *subnet) []string { return boolStr(x.EnableDNS64) },
		"ipv6-native":                     func(x *subnet) []string { return boolStr(false) },
		"available-ip-address-count":      func(x *subnet) []string { return intStr(x.available()) },
		"ipv6-cidr-block-association.ipv6-cidr-block": func(x *subnet) []string { return nil },
		"outpost-arn": func(x *subnet) []string { return nil },
		"private-dns-name-options-on-launch.hostname-type": func(x *subnet) []string { return one(x.HostnameType) },
	}
}

func (s *Service) describeSubnets(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("SubnetId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var out []subnetXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, subnetFilters(s, sc), recordTags[*subnet])
		if err != nil {
			return err
		}
		found, n, err := subnets.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, x := range found {
			out = append(out, s.subnetXML(sc, x))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Subnets   items[subnetXML] `xml:"subnetSet"`
		NextToken string           `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
