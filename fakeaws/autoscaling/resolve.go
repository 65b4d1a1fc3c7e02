package autoscaling

import (
	"context"
	"fmt"
	"strings"
)

// The resolvers check, outside any store transaction, what a request
// names in EC2 and ELBv2.

// checkTemplate checks that the launch template version ref names exists,
// and completes ref with the template's ID and name: Auto Scaling
// describes a group's template by both, whichever one the request gave.
func (s *Service) checkTemplate(ctx context.Context, sc scope, ref *TemplateRef) error {
	lt, ok, err := s.ec2.LaunchTemplate(ctx, sc.account, sc.region, *ref)
	if err != nil {
		return fmt.Errorf("look up launch template: %w", err)
	}
	if ok {
		ref.ID, ref.Name = lt.ID, lt.Name
		return nil
	}
	// Tell a missing template from a missing version.
	if ref.Version != "" && ref.Version != "$Default" && ref.Version != "$Latest" {
		base := *ref
		base.Version = ""
		if _, found, err := s.ec2.LaunchTemplate(ctx, sc.account, sc.region, base); err == nil && found {
			return errNoTemplateVersion(*ref)
		}
	}
	return errNoTemplate(*ref)
}

// checkVersion refuses a version that is not $Default, $Latest or a
// number.
func checkVersion(v string) error {
	if v == "" || v == "$Default" || v == "$Latest" {
		return nil
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return invalid("The launch template version %s is invalid. Specify $Default, $Latest or a version number.", v)
		}
	}
	return nil
}

// network is where a group launches: its subnets and VPC, or zones.
type network struct {
	zoneIdentifier string
	subnets        []subnet
	vpcID          string
	zones          []string
}

// resolveNetwork checks VPCZoneIdentifier and AvailabilityZones.
func (s *Service) resolveNetwork(ctx context.Context, sc scope, zoneIdentifier string, zones []string) (network, error) {
	ids := splitZoneIdentifier(zoneIdentifier)
	if len(ids) == 0 {
		if len(zones) == 0 {
			return network{}, invalid("At least one Availability Zone or VPC Subnet is required.")
		}
		for _, z := range zones {
			if !strings.HasPrefix(z, sc.region) || len(z) == len(sc.region) {
				return network{}, invalid("Invalid Availability Zone: %s", z)
			}
		}
		return network{zones: dedupe(zones)}, nil
	}
	found, err := s.ec2.Subnets(ctx, sc.account, sc.region, ids)
	if err != nil {
		return network{}, fmt.Errorf("look up subnets: %w", err)
	}
	byID := map[string]Subnet{}
	for _, sn := range found {
		byID[sn.ID] = sn
	}
	n := network{zoneIdentifier: strings.Join(ids, ",")}
	var subnetZones []string
	for _, id := range ids {
		sn, ok := byID[id]
		if !ok {
			return network{}, invalid("The subnet ID '%s' does not exist", id)
		}
		if n.vpcID == "" {
			n.vpcID = sn.VpcID
		} else if sn.VpcID != n.vpcID {
			return network{}, invalid("The subnets '%s' must all be in the same VPC.", n.zoneIdentifier)
		}
		n.subnets = append(n.subnets, subnet{ID: sn.ID, AZ: sn.AvailabilityZone})
		subnetZones = addUnique(subnetZones, sn.AvailabilityZone)
	}
	if len(zones) > 0 && !sameSet(zones, subnetZones) {
		return network{}, invalid("The availability zones of the specified subnets and the Auto Scaling group do not match")
	}
	return n, nil
}

// checkTargetGroups checks that every target group exists.
func (s *Service) checkTargetGroups(ctx context.Context, sc scope, arns []string) error {
	for _, arn := range arns {
		ok, err := s.tgs.Exists(ctx, sc.account, sc.region, arn)
		if err != nil {
			return fmt.Errorf("look up target group %s: %w", arn, err)
		}
		if !ok {
			return invalid("Provided Target Groups may not be valid. Please ensure they exist and try again.")
		}
	}
	return nil
}

func dedupe(list []string) []string { return addUnique(nil, list...) }

func sameSet(a, b []string) bool {
	a, b = dedupe(a), dedupe(b)
	if len(a) != len(b) {
		return false
	}
	for _, v := range a {
		if !contains(b, v) {
			return false
		}
	}
	return true
}
