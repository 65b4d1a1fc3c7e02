package elbv2

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// subnetMapping is one element of Subnets or SubnetMappings.
type subnetMapping struct {
	SubnetID, AllocationID, PrivateIP string
}

// subnetMappings reads Subnets.member.N or SubnetMappings.member.N.
func subnetMappings(p awsapi.Params) ([]subnetMapping, error) {
	subnets := p.List("Subnets.member")
	maps := p.Structs("SubnetMappings.member")
	if len(subnets) > 0 && len(maps) > 0 {
		return nil, awsapi.ValidationError("You can specify subnets or subnet mappings, not both")
	}
	var out []subnetMapping
	for _, id := range subnets {
		out = append(out, subnetMapping{SubnetID: id})
	}
	for _, m := range maps {
		id, err := m.Required("SubnetId")
		if err != nil {
			return nil, err
		}
		ip := m.Get("PrivateIPv4Address")
		if ip != "" {
			if a, err := netip.ParseAddr(ip); err != nil || !a.Is4() {
				return nil, awsapi.ValidationError("The private IPv4 address '%s' is not valid", ip)
			}
		}
		out = append(out, subnetMapping{SubnetID: id, AllocationID: m.Get("AllocationId"), PrivateIP: ip})
	}
	return out, nil
}

// resolveZones looks the subnets up in EC2 (outside any transaction) and
// returns one zone per subnet, sorted by zone, and their VPC.
func (s *Service) resolveZones(sc scope, lbType string, mappings []subnetMapping) ([]lbZone, string, error) {
	if len(mappings) == 0 {
		return nil, "", awsapi.ValidationError("At least one subnet must be specified")
	}
	var (
		zones []lbZone
		vpc   string
		seen  = map[string]bool{}
	)
	for _, m := range mappings {
		sub, ok, err := s.net.Subnet(sc.account, sc.region, m.SubnetID)
		if err != nil {
			return nil, "", fmt.Errorf("look up subnet %s: %w", m.SubnetID, err)
		}
		if !ok {
			return nil, "", fail(codeSubnetNotFound, "The subnet ID '%s' is not valid", m.SubnetID)
		}
		if vpc != "" && sub.VpcID != vpc {
			return nil, "", invalidConfig("The subnets must all be in the same VPC")
		}
		vpc = sub.VpcID
		if seen[sub.AvailabilityZone] {
			return nil, "", invalidConfig("A load balancer cannot be attached to multiple subnets in the same Availability Zone")
		}
		seen[sub.AvailabilityZone] = true
		if m.AllocationID != "" && lbType != typeNetwork {
			return nil, "", invalidConfig("Elastic IP addresses can only be assigned to Network Load Balancers")
		}
		zones = append(zones, lbZone{Zone: sub.AvailabilityZone, SubnetID: m.SubnetID, AllocationID: m.AllocationID, PrivateIP: m.PrivateIP})
	}
	if lbType == typeApplication && len(zones) < 2 {
		return nil, "", awsapi.ValidationError("At least two subnets in two different Availability Zones must be specified")
	}
	sort.Slice(zones, func(i, j int) bool { return zones[i].Zone < zones[j].Zone })
	return zones, vpc, nil
}

func sameZones(a, b []lbZone) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].SubnetID != b[i].SubnetID {
			return false
		}
	}
	return true
}

// checkSecurityGroups checks that the groups exist in the load balancer's
// VPC (outside any transaction).
func (s *Service) checkSecurityGroups(sc scope, lbType, vpc string, sgs []string) error {
	if len(sgs) == 0 {
		return nil
	}
	if lbType == typeGateway {
		return invalidConfig("Security groups are not supported for load balancers with type 'gateway'")
	}
	vpcs, err := s.net.SecurityGroupVPCs(sc.account, sc.region, sgs)
	if err != nil {
		return fmt.Errorf("look up security groups: %w", err)
	}
	for _, id := range sgs {
		v, ok := vpcs[id]
		if !ok {
			return fail(codeInvalidSecurityGroup, "Security group '%s' does not exist", id)
		}
		if v != vpc {
			return fail(codeInvalidSecurityGroup, "Security group '%s' does not belong to VPC '%s'", id, vpc)
		}
	}
	return nil
}

type setSubnetsResult struct {
	AvailabilityZones members[azXML] `xml:"AvailabilityZones"`
	IPAddressType     string         `xml:"IpAddressType"`
}

func (s *Service) setSubnets(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	mappings, err := subnetMappings(p)
	if err != nil {
		return nil, err
	}
	var lb loadBalancer
	if err := s.view(func(tx *store.Tx) error { lb, err = s.getLB(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	zones, vpc, err := s.resolveZones(sc, lb.Type, mappings)
	if err != nil {
		return nil, err
	}
	if vpc != lb.VpcID {
		return nil, invalidConfig("The subnets must be in the VPC of the load balancer, '%s'", lb.VpcID)
	}
	err = s.update(func(tx *store.Tx) error {
		lb, err = s.getLB(tx, sc, arn)
		if err != nil {
			return err
		}
		lb.Zones = zones
		return sc.bucket(tx, kindLBs).Put(lb.Name, lb)
	})
	if err != nil {
		return nil, err
	}
	return setSubnetsResult{AvailabilityZones: zonesXML(lb.Zones), IPAddressType: lb.IPAddressType}, nil
}

type setSecurityGroupsResult struct {
	SecurityGroupIDs members[string] `xml:"SecurityGroupIds"`
}

func (s *Service) setSecurityGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	sgs := p.List("SecurityGroups.member")
	var lb loadBalancer
	if err := s.view(func(tx *store.Tx) error { lb, err = s.getLB(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	switch {
	case lb.Type == typeGateway:
		return nil, invalidConfig("Security groups are not supported for load balancers with type 'gateway'")
	case lb.Type == typeNetwork && !lb.CreatedWithSGs:
		return nil, invalidConfig("You cannot set security groups on a Network Load Balancer which was created without any security groups.")
	case lb.Type == typeNetwork && len(sgs) == 0:
		return nil, invalidConfig("You cannot remove all security groups from a Network Load Balancer which was created with security groups.")
	case lb.Type == typeApplication && len(sgs) == 0:
		return nil, awsapi.ValidationError("At least one security group must be specified")
	}
	if err := s.checkSecurityGroups(sc, lb.Type, lb.VpcID, sgs); err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		lb, err = s.getLB(tx, sc, arn)
		if err != nil {
			return err
		}
		lb.SecurityGroups = sgs
		return sc.bucket(tx, kindLBs).Put(lb.Name, lb)
	})
	if err != nil {
		return nil, err
	}
	return setSecurityGroupsResult{SecurityGroupIDs: append(members[string]{}, sgs...)}, nil
}
