package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// placementOf resolves the subnet, security groups and primary network
// interface of a launch.
func (s *Service) placementOf(tx *store.Tx, sc scope, spec launchSpec) (placement, error) {
	var pl placement
	if len(spec.NIs) > 0 {
		pl.ni = spec.NIs[0]
		for _, ni := range spec.NIs {
			if ni.DeviceIndex == 0 {
				pl.ni = ni
			}
		}
	}
	if pl.ni.SubnetID == "" {
		pl.ni.SubnetID = spec.SubnetID
	}
	if pl.ni.PrivateIP == "" {
		pl.ni.PrivateIP = spec.PrivateIP
	}
	if pl.ni.SubnetID == "" {
		return pl, awsapi.BadRequest("VPCIdNotSpecified", "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.")
	}
	sub, err := subnets.get(tx, sc, pl.ni.SubnetID)
	if err != nil {
		return pl, err
	}
	pl.sub = sub
	if spec.AZ != "" && spec.AZ != sub.AZ {
		return pl, invalidParameterValue("Value (%s) for parameter availabilityZone is invalid. Subnet '%s' is in the availability zone %s", spec.AZ, sub.ID, sub.AZ)
	}
	groups := pl.ni.Groups
	if len(groups) == 0 {
		groups = spec.Groups
	}
	for _, name := range spec.GroupNames {
		found, err := securityGroups.all(tx, sc, func(g *securityGroup) bool { return g.VpcID == sub.VpcID && g.Name == name })
		if err != nil {
			return pl, err
		}
		if len(found) == 0 {
			return pl, awsapi.BadRequest("InvalidGroup.NotFound", "The security group '%s' does not exist in VPC '%s'", name, sub.VpcID)
		}
		groups = append(groups, found[0].ID)
	}
	if len(groups) == 0 {
		v, err := vpcs.get(tx, sc, sub.VpcID)
		if err != nil {
			return pl, err
		}
		groups = []string{v.DefaultSG}
	}
	found, err := securityGroups.getAll(tx, sc, groups)
	if err != nil {
		return pl, err
	}
	for _, g := range found {
		if g.VpcID != sub.VpcID {
			return pl, awsapi.BadRequest("InvalidParameter", "Security group %s and subnet %s belong to different networks.", g.ID, sub.ID)
		}
	}
	pl.groups = dedupe(groups)
	return pl, nil
}

// attachPrimaryENI makes the instance's primary network interface, with a
// public address when the subnet or the request asks for one.
func (s *Service) attachPrimaryENI(tx *store.Tx, sc scope, x *instance, pl placement, tags []Tag, first bool) error {
	want := ""
	if first {
		want = pl.ni.PrivateIP
	}
	e, err := s.createENI(tx, sc, eniSpec{Subnet: pl.sub, Description: pl.ni.Description, PrivateIP: want, Groups: pl.groups, Tags: tags})
	if err != nil {
		return err
	}
	e.Attachment = &eniAttachment{
		ID: s.newID("eni-attach"), InstanceID: x.ID, InstanceOwnerID: sc.account, Status: "attached",
		AttachTime: sc.now, DeleteOnTermination: pl.ni.DeleteOnTermination == nil || *pl.ni.DeleteOnTermination,
	}
	x.ENIs, x.PrivateIP = []string{e.ID}, e.PrivateIP
	x.MapPublicIP = pl.sub.MapPublicIP
	if pl.ni.AssociatePublicIP != nil {
		x.MapPublicIP = *pl.ni.AssociatePublicIP
	}
	if x.MapPublicIP {
		if err := s.assignPublicIP(tx, sc, x, e); err != nil {
			return err
		}
	}
	return enis.put(tx, sc, e)
}

// assignPublicIP gives the instance a public address from the pool on its
// primary interface (the caller stores e).
func (s *Service) assignPublicIP(tx *store.Tx, sc scope, x *instance, e *networkInterface) error {
	ip, err := s.allocatePublicIP(tx, sc.account+"/"+sc.region+"/"+x.ID)
	if err != nil {
		return err
	}
	x.PublicIP = ip
	e.Association = &eniAssociation{PublicIP: ip, IPOwnerID: "amazon"}
	return nil
}
