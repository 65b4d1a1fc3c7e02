package ec2

import (
	"net/netip"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type subnet struct {
	base
	OwnerID          string    `json:"owner"`
	VpcID            string    `json:"vpc"`
	CidrBlock        string    `json:"cidr"`
	AZ               string    `json:"az"`
	AZID             string    `json:"azId"`
	MapPublicIP      bool      `json:"mapPublicIp,omitempty"`
	AssignIPv6       bool      `json:"assignIpv6,omitempty"`
	EnableDNS64      bool      `json:"dns64,omitempty"`
	HostnameType     string    `json:"hostnameType"`
	ResourceNameA    bool      `json:"rnA,omitempty"`
	ResourceNameAAAA bool      `json:"rnAAAA,omitempty"`
	DefaultForAz     bool      `json:"defaultForAz,omitempty"`
	Used             int       `json:"used"` // private addresses allocated
	Created          time.Time `json:"created"`
}

var subnets = &table[subnet, *subnet]{
	kind: "subnets", prefix: "subnet", resourceType: "subnet", noun: "subnet",
	notFoundCode: "InvalidSubnetID.NotFound", malformedCode: "InvalidSubnetID.Malformed",
}

func (x *subnet) available() int { return subnetSize(x.CidrBlock) - x.Used }

type subnetXML struct {
	SubnetID           string               `xml:"subnetId"`
	SubnetArn          string               `xml:"subnetArn"`
	State              string               `xml:"state"`
	VpcID              string               `xml:"vpcId"`
	OwnerID            string               `xml:"ownerId"`
	CidrBlock          string               `xml:"cidrBlock"`
	IPv6CidrAssocs     items[struct{}]      `xml:"ipv6CidrBlockAssociationSet"`
	AvailableIPs       int                  `xml:"availableIpAddressCount"`
	AvailabilityZone   string               `xml:"availabilityZone"`
	AvailabilityZoneID string               `xml:"availabilityZoneId"`
	DefaultForAz       bool                 `xml:"defaultForAz"`
	MapPublicIP        bool                 `xml:"mapPublicIpOnLaunch"`
	MapCustomerOwnedIP bool                 `xml:"mapCustomerOwnedIpOnLaunch"`
	AssignIPv6         bool                 `xml:"assignIpv6AddressOnCreation"`
	EnableDNS64        bool                 `xml:"enableDns64"`
	IPv6Native         bool                 `xml:"ipv6Native"`
	PrivateDNS         privateDNSOptionsXML `xml:"privateDnsNameOptionsOnLaunch"`
	BlockPublic        blockPublicAccessXML `xml:"blockPublicAccessStates"`
	Tags               tagsXML              `xml:"tagSet"`
}

type privateDNSOptionsXML struct {
	HostnameType string `xml:"hostnameType"`
	A            bool   `xml:"enableResourceNameDnsARecord"`
	AAAA         bool   `xml:"enableResourceNameDnsAAAARecord"`
}

func (s *Service) subnetXML(sc scope, x *subnet) subnetXML {
	return subnetXML{
		SubnetID: x.ID, SubnetArn: s.arn(sc, "subnet", x.ID), State: "available", VpcID: x.VpcID,
		OwnerID: x.OwnerID, CidrBlock: x.CidrBlock, AvailableIPs: x.available(),
		AvailabilityZone: x.AZ, AvailabilityZoneID: x.AZID, DefaultForAz: x.DefaultForAz,
		MapPublicIP: x.MapPublicIP, AssignIPv6: x.AssignIPv6, EnableDNS64: x.EnableDNS64,
		PrivateDNS:  privateDNSOptionsXML{x.HostnameType, x.ResourceNameA, x.ResourceNameAAAA},
		BlockPublic: blockPublicAccessXML{"off"}, Tags: tagSet(x.Tags),
	}
}

// subnetZone resolves the zone a new subnet asks for; with none, EC2
// picks one: here the zones in turn by the VPC's count of subnets.
func subnetZone(sc scope, p awsapi.Params, count int) (zoneInfo, error) {
	name, id := p.Get("AvailabilityZone"), p.Get("AvailabilityZoneId")
	reg, _ := regionByName(sc.region)
	switch {
	case name != "" && id != "":
		return zoneInfo{}, invalidParameterCombination("Only one of availabilityZone or availabilityZoneId may be specified")
	case name == "" && id == "":
		return reg.zones[count%len(reg.zones)], nil
	}
	param, want := "availabilityZone", name
	if id != "" {
		param, want = "availabilityZoneId", id
	}
	for _, z := range reg.zones {
		if (name != "" && z.name == name) || (id != "" && z.id == id) {
			return z, nil
		}
	}
	var names []string
	for _, z := range reg.zones {
		if id != "" {
			names = append(names, z.id)
		} else {
			names = append(names, z.name)
		}
	}
	return zoneInfo{}, invalidParameterValue("Value (%s) for parameter %s is invalid. Subnets can currently only be created in the following availability zones: %s.", want, param, strings.Join(names, ", "))
}

func (s *Service) createSubnet(r *awsapi.Request, p awsapi.Params) (any, error) {
	vpcID, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	raw, err := required(p, "CidrBlock")
	if err != nil {
		return nil, err
	}
	cidr, err := parseCidr("cidrBlock", raw)
	if err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "subnet")
	if err != nil {
		return nil, err
	}
	var (
		out *subnet
		sc  scope
	)
	err = s.update(r, func(tx *store.Tx, tsc scope) error {
		sc = tsc
		v, err := vpcs.get(tx, sc, vpcID)
		if err != nil {
			return err
		}
		vpcCidr, err := netip.ParsePrefix(v.CidrBlock)
		if err != nil {
			return err
		}
		if cidr.Bits() < 16 || cidr.Bits() > 28 || cidr.Bits() < vpcCidr.Bits() || !vpcCidr.Contains(cidr.Addr()) {
			return awsapi.BadRequest("InvalidSubnet.Range", "The CIDR '%s' is invalid.", raw)
		}
		siblings, err := subnets.all(tx, sc, func(x *subnet) bool { return x.VpcID == vpcID })
		if err != nil {
			return err
		}
		for _, sib := range siblings {
			if other, err := netip.ParsePrefix(sib.CidrBlock); err == nil && other.Overlaps(cidr) {
				return awsapi.BadRequest("InvalidSubnet.Conflict", "The CIDR '%s' conflicts with another subnet", raw)
			}
		}
		zone, err := subnetZone(sc, p, len(siblings))
		if err != nil {
			return err
		}
		x := &subnet{
			base:    base{ID: s.newID("subnet"), Tags: tags},
			OwnerID: sc.account, VpcID: vpcID, CidrBlock: cidr.String(), AZ: zone.name, AZID: zone.id,
			HostnameType: "ip-name", Created: sc.now,
		}
		if err := s.associateDefaultACL(tx, sc, v, x.ID); err != nil {
			return err
		}
		out = x
		return subnets.put(tx, sc, x)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Subnet subnetXML `xml:"subnet"`
	}{s.subnetXML(sc, out)}, nil
}

func (s *Service) deleteSubnet(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "SubnetId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		x, err := subnets.get(tx, sc, id)
		if err != nil {
			return err
		}
		if x.Used > 0 {
			return dependencyViolation("subnet", id)
		}
		if err := s.dropSubnetAssociations(tx, sc, x); err != nil {
			return err
		}
		if err := sc.bucket(tx, ipKind).DeleteSub(id); err != nil {
			return err
		}
		return subnets.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// subnetAttributes are the boolean attributes ModifySubnetAttribute sets.
var subnetAttributes = []struct {
	name  string
	field func(x *subnet) *bool
}{
	{"MapPublicIpOnLaunch", func(x *subnet) *bool { return &x.MapPublicIP }},
	{"AssignIpv6AddressOnCreation", func(x *subnet) *bool { return &x.AssignIPv6 }},
	{"EnableDns64", func(x *subnet) *bool { return &x.EnableDNS64 }},
	{"EnableResourceNameDnsARecordOnLaunch", func(x *subnet) *bool { return &x.ResourceNameA }},
	{"EnableResourceNameDnsAAAARecordOnLaunch", func(x *subnet) *bool { return &x.ResourceNameAAAA }},
}

func (s *Service) modifySubnetAttribute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "SubnetId")
	if err != nil {
		return nil, err
	}
	var (
		names  []string
		change func(x *subnet) error
	)
	for _, a := range subnetAttributes {
		if !p.Has(a.name + ".Value") {
			continue
		}
		val, err := boolParam(p, a.name+".Value", false)
		if err != nil {
			return nil, err
		}
		field, name := a.field, a.name
		names = append(names, lowerFirst(name))
		change = func(x *subnet) error {
			if name == "AssignIpv6AddressOnCreation" && val {
				return invalidParameterValue("Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (%s) has an IPv6 CIDR block associated with it.", x.ID)
			}
			*field(x) = val
			return nil
		}
	}
	if v := p.Get("PrivateDnsHostnameTypeOnLaunch"); v != "" {
		if v != "ip-name" && v != "resource-name" {
			return nil, invalidParameterValue("Value (%s) for parameter privateDnsHostnameTypeOnLaunch is invalid.", v)
		}
		names = append(names, "privateDnsHostnameTypeOnLaunch")
		change = func(x *subnet) error { x.HostnameType = v; return nil }
	}
	switch len(names) {
	case 0:
		return nil, invalidParameterCombination("No attributes specified.")
	case 1:
	default:
		return nil, invalidParameterCombination("Fields for multiple attribute types specified: %s", strings.Join(names, ", "))
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		x, err := subnets.get(tx, sc, id)
		if err != nil {
			return err
		}
		if err := change(x); err != nil {
			return err
		}
		return subnets.put(tx, sc, x)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}
