package ec2

import (
	"net/netip"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type vpc struct {
	base
	OwnerID         string    `json:"owner"`
	CidrBlock       string    `json:"cidr"`
	CidrAssocID     string    `json:"cidrAssoc"`
	DhcpOptionsID   string    `json:"dopt"`
	InstanceTenancy string    `json:"tenancy"`
	IsDefault       bool      `json:"isDefault,omitempty"`
	DNSSupport      bool      `json:"dnsSupport"`
	DNSHostnames    bool      `json:"dnsHostnames"`
	NAUMetrics      bool      `json:"nauMetrics,omitempty"`
	MainRouteTable  string    `json:"mainRtb"`
	DefaultSG       string    `json:"defaultSg"`
	DefaultACL      string    `json:"defaultAcl"`
	Created         time.Time `json:"created"`
}

var vpcs = &table[vpc, *vpc]{
	kind: "vpcs", prefix: "vpc", resourceType: "vpc", noun: "vpc",
	notFoundCode: "InvalidVpcID.NotFound", malformedCode: "InvalidVpcID.Malformed",
}

// vpcActions are the calls of VPCs, DHCP options and subnets.
func (s *Service) vpcActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateVpc":             s.createVpc,
		"DeleteVpc":             s.deleteVpc,
		"DescribeVpcs":          s.describeVpcs,
		"ModifyVpcAttribute":    s.modifyVpcAttribute,
		"DescribeVpcAttribute":  s.describeVpcAttribute,
		"CreateDhcpOptions":     s.createDhcpOptions,
		"AssociateDhcpOptions":  s.associateDhcpOptions,
		"DescribeDhcpOptions":   s.describeDhcpOptions,
		"DeleteDhcpOptions":     s.deleteDhcpOptions,
		"CreateSubnet":          s.createSubnet,
		"DeleteSubnet":          s.deleteSubnet,
		"DescribeSubnets":       s.describeSubnets,
		"ModifySubnetAttribute": s.modifySubnetAttribute,
	}
}

type vpcXML struct {
	VpcID           string               `xml:"vpcId"`
	OwnerID         string               `xml:"ownerId"`
	State           string               `xml:"state"`
	CidrBlock       string               `xml:"cidrBlock"`
	CidrAssocs      items[cidrAssocXML]  `xml:"cidrBlockAssociationSet"`
	IPv6CidrAssocs  items[struct{}]      `xml:"ipv6CidrBlockAssociationSet"`
	DhcpOptionsID   string               `xml:"dhcpOptionsId"`
	InstanceTenancy string               `xml:"instanceTenancy"`
	IsDefault       bool                 `xml:"isDefault"`
	BlockPublic     blockPublicAccessXML `xml:"blockPublicAccessStates"`
	Tags            tagsXML              `xml:"tagSet"`
}

type cidrAssocXML struct {
	AssociationID string         `xml:"associationId"`
	CidrBlock     string         `xml:"cidrBlock"`
	State         cidrBlockState `xml:"cidrBlockState"`
}

type cidrBlockState struct {
	State string `xml:"state"`
}

type blockPublicAccessXML struct {
	Mode string `xml:"internetGatewayBlockMode"`
}

func (v *vpc) xml() vpcXML {
	return vpcXML{
		VpcID: v.ID, OwnerID: v.OwnerID, State: "available", CidrBlock: v.CidrBlock,
		CidrAssocs:    itemsOf([]cidrAssocXML{{v.CidrAssocID, v.CidrBlock, cidrBlockState{"associated"}}}),
		DhcpOptionsID: v.DhcpOptionsID, InstanceTenancy: v.InstanceTenancy, IsDefault: v.IsDefault,
		BlockPublic: blockPublicAccessXML{"off"}, Tags: tagSet(v.Tags),
	}
}

// parseCidr reads an IPv4 CIDR block, masked to its network address.
func parseCidr(param, s string) (netip.Prefix, error) {
	pfx, err := netip.ParsePrefix(s)
	if err != nil || !pfx.Addr().Is4() {
		return netip.Prefix{}, invalidParameterValue("Value (%s) for parameter %s is invalid. This is not a valid CIDR block.", s, param)
	}
	return pfx.Masked(), nil
}

func (s *Service) createVpc(r *awsapi.Request, p awsapi.Params) (any, error) {
	raw, err := required(p, "CidrBlock")
	if err != nil {
		return nil, err
	}
	cidr, err := parseCidr("cidrBlock", raw)
	if err != nil {
		return nil, err
	}
	if cidr.Bits() < 16 || cidr.Bits() > 28 {
		return nil, awsapi.BadRequest("InvalidVpc.Range", "The CIDR '%s' is invalid.", raw)
	}
	tenancy := p.Get("InstanceTenancy")
	switch tenancy {
	case "":
		tenancy = "default"
	case "default", "dedicated":
	default:
		return nil, invalidParameterValue("Value (%s) for parameter instanceTenancy is invalid.", tenancy)
	}
	tags, err := tagSpecs(p, "vpc")
	if err != nil {
		return nil, err
	}
	var out *vpc
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		n, err := vpcs.bucket(tx, sc).Count("")
		if err != nil {
			return err
		}
		if n >= s.cfg.vpcLimit() {
			return awsapi.BadRequest("VpcLimitExceeded", "The maximum number of VPCs has been reached.")
		}
		dopt, err := s.defaultDhcpOptions(tx, sc)
		if err != nil {
			return err
		}
		v := &vpc{
			base:    base{ID: s.newID("vpc"), Tags: tags},
			OwnerID: sc.account, CidrBlock: cidr.String(), CidrAssocID: s.newID("vpc-cidr-assoc"),
			DhcpOptionsID: dopt, InstanceTenancy: tenancy, DNSSupport: true, Created: sc.now,
		}
		if v.MainRouteTable, err = s.createMainRouteTable(tx, sc, v); err != nil {
			return err
		}
		if v.DefaultSG, err = s.createDefaultSecurityGroup(tx, sc, v); err != nil {
			return err
		}
		if v.DefaultACL, err = s.createDefaultNetworkACL(tx, sc, v); err != nil {
			return err
		}
		out = v
		return vpcs.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	x := out.xml()
	x.State = "pending"
	return struct {
		Vpc vpcXML `xml:"vpc"`
	}{x}, nil
}

func (s *Service) deleteVpc(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := vpcs.get(tx, sc, id)
		if err != nil {
			return err
		}
		if busy, err := s.vpcInUse(tx, sc, v); err != nil || busy {
			if err == nil {
				err = dependencyViolation("vpc", id)
			}
			return err
		}
		if err := routeTables.remove(tx, sc, v.MainRouteTable); err != nil {
			return err
		}
		if err := s.removeSecurityGroup(tx, sc, v.DefaultSG); err != nil {
			return err
		}
		if err := acls.remove(tx, sc, v.DefaultACL); err != nil {
			return err
		}
		return vpcs.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// vpcInUse reports whether anything but the resources a VPC comes with
// still lives in it.
func (s *Service) vpcInUse(tx *store.Tx, sc scope, v *vpc) (bool, error) {
	checks := []func() (bool, error){
		func() (bool, error) { return subnets.any(tx, sc, func(x *subnet) bool { return x.VpcID == v.ID }) },
		func() (bool, error) {
			return igws.any(tx, sc, func(g *internetGateway) bool { return g.attachedTo(v.ID) })
		},
		func() (bool, error) {
			return securityGroups.any(tx, sc, func(g *securityGroup) bool { return g.VpcID == v.ID && g.ID != v.DefaultSG })
		},
		func() (bool, error) {
			return routeTables.any(tx, sc, func(t *routeTable) bool { return t.VpcID == v.ID && t.ID != v.MainRouteTable })
		},
		func() (bool, error) {
			return natGateways.any(tx, sc, func(n *natGateway) bool { return n.VpcID == v.ID && n.State != natDeleted })
		},
		func() (bool, error) {
			return enis.any(tx, sc, func(e *networkInterface) bool { return e.VpcID == v.ID })
		},
	}
	for _, c := range checks {
		if busy, err := c(); err != nil || busy {
			return busy, err
		}
	}
	return false, nil
}

var vpcFilters = filterSpec[*vpc]{
	"vpc-id":                                func(v *vpc) []string { return one(v.ID) },
	"cidr":                                  func(v *vpc) []string { return one(v.CidrBlock) },
	"cidr-block":                            func(v *vpc) []string { return one(v.CidrBlock) },
	"cidr-block-association.cidr-block":     func(v *vpc) []string { return one(v.CidrBlock) },
	"cidr-block-association.association-id": func(v *vpc) []string { return one(v.CidrAssocID) },
	"cidr-block-association.state":          func(v *vpc) []string { return one("associated") },
	"state":                                 func(v *vpc) []string { return one("available") },
	"is-default":                            func(v *vpc) []string { return boolStr(v.IsDefault) },
	"isDefault":                             func(v *vpc) []string { return boolStr(v.IsDefault) },
	"dhcp-options-id":                       func(v *vpc) []string { return one(v.DhcpOptionsID) },
	"owner-id":                              func(v *vpc) []string { return one(v.OwnerID) },
	"instance-tenancy":                      func(v *vpc) []string { return one(v.InstanceTenancy) },
	"ipv6-cidr-block-association.ipv6-cidr-block": func(v *vpc) []string { return nil },
}

func (s *Service) describeVpcs(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("VpcId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, vpcFilters, recordTags[*vpc])
	if err != nil {
		return nil, err
	}
	var (
		found []*vpc
		next  string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, next, err = vpcs.describe(tx, sc, ids, match, pg)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]vpcXML, len(found))
	for i, v := range found {
		out[i] = v.xml()
	}
	return struct {
		Vpcs      items[vpcXML] `xml:"vpcSet"`
		NextToken string        `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
