package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// deleteInstance terminates an instance and waits, round after round,
// until it is terminated.
func deleteInstance(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.EC2.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	var state ec2types.InstanceStateName
	for _, res := range out.Reservations {
		for _, i := range res.Instances {
			if i.State != nil {
				state = i.State.Name
			}
		}
	}
	switch state {
	case "", ec2types.InstanceStateNameTerminated:
		return resGone
	case ec2types.InstanceStateNameShuttingDown:
		return waiting("is shutting down")
	}
	term, err := c.EC2.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	for _, t := range term.TerminatingInstances {
		if t.CurrentState != nil && t.CurrentState.Name == ec2types.InstanceStateNameTerminated {
			return resGone
		}
	}
	return resStarted
}

func deleteLaunchTemplate(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteLaunchTemplate(ctx, &ec2.DeleteLaunchTemplateInput{LaunchTemplateId: aws.String(r.ID)})
	return settled(err)
}

// deleteVolume deletes a volume; one still attached (its instance is
// terminating) is refused with VolumeInUse and retried.
func deleteVolume(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: aws.String(r.ID)})
	return settled(err)
}

// deleteNatGateway deletes a NAT gateway and waits until it is deleted:
// until then its address and network interface are in use.
func deleteNatGateway(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{NatGatewayIds: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	if len(out.NatGateways) == 0 {
		return resGone
	}
	switch out.NatGateways[0].State {
	case ec2types.NatGatewayStateDeleted:
		return resGone
	case ec2types.NatGatewayStateDeleting:
		return waiting("is deleting")
	}
	if _, err := c.EC2.DeleteNatGateway(ctx, &ec2.DeleteNatGatewayInput{NatGatewayId: aws.String(r.ID)}); err != nil {
		return settled(err)
	}
	return resStarted
}

func deleteElasticIP(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.ReleaseAddress(ctx, &ec2.ReleaseAddressInput{AllocationId: aws.String(r.ID)})
	return settled(err)
}

// deleteInternetGateway detaches the gateway from its VPCs, then deletes
// it.
func deleteInternetGateway(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.EC2.DescribeInternetGateways(ctx, &ec2.DescribeInternetGatewaysInput{InternetGatewayIds: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	for _, g := range out.InternetGateways {
		for _, a := range g.Attachments {
			_, err := c.EC2.DetachInternetGateway(ctx, &ec2.DetachInternetGatewayInput{InternetGatewayId: aws.String(r.ID), VpcId: a.VpcId})
			if code, _, _ := awsError(err); err != nil && code != "Gateway.NotAttached" {
				return settled(err)
			}
		}
	}
	_, err = c.EC2.DeleteInternetGateway(ctx, &ec2.DeleteInternetGatewayInput{InternetGatewayId: aws.String(r.ID)})
	return settled(err)
}

// deleteRouteTable removes the table's associations (subnets, gateways),
// then deletes it with its routes. A VPC's main route table goes with the
// VPC.
func deleteRouteTable(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.EC2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{RouteTableIds: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	if len(out.RouteTables) == 0 {
		return resGone
	}
	t := out.RouteTables[0]
	if isMainRouteTable(t) {
		return result{out: outGone, reason: "the VPC's main route table, deleted with the VPC"}
	}
	for _, a := range t.Associations {
		_, err := c.EC2.DisassociateRouteTable(ctx, &ec2.DisassociateRouteTableInput{AssociationId: a.RouteTableAssociationId})
		if err != nil && !isGone(err) {
			return settled(err)
		}
	}
	_, err = c.EC2.DeleteRouteTable(ctx, &ec2.DeleteRouteTableInput{RouteTableId: aws.String(r.ID)})
	return settled(err)
}

func deleteSubnet(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteSubnet(ctx, &ec2.DeleteSubnetInput{SubnetId: aws.String(r.ID)})
	return settled(err)
}

func deleteVPC(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(r.ID)})
	return settled(err)
}

func deleteDHCPOptions(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteDhcpOptions(ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: aws.String(r.ID)})
	return settled(err)
}

func deleteKeypair(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.EC2.DeleteKeyPair(ctx, &ec2.DeleteKeyPairInput{KeyPairId: aws.String(r.ID)})
	return settled(err)
}

// sgFilterBatch is how many values one EC2 filter takes.
const sgFilterBatch = 200

// deleteSecurityGroups first revokes the rules of rs that reference a
// security group of the cluster (the groups reference one another, and
// AWS refuses to delete a group another one's rule names), then deletes
// rs.
func (d *deletion) deleteSecurityGroups(ctx context.Context, rs []Resource) []result {
	ours := map[string]bool{}
	for _, r := range d.all {
		if r.Type == ResSecurityGroup {
			ours[r.ID] = true
		}
	}
	type revoke struct{ ingress, egress []string }
	byGroup := map[string]*revoke{}
	var listErr error
	for start := 0; start < len(rs) && listErr == nil; start += sgFilterBatch {
		var ids []string
		for _, r := range rs[start:min(start+sgFilterBatch, len(rs))] {
			ids = append(ids, r.ID)
		}
		p := ec2.NewDescribeSecurityGroupRulesPaginator(d.c.EC2, &ec2.DescribeSecurityGroupRulesInput{
			Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: ids}}})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				listErr = err
				break
			}
			for _, rule := range page.SecurityGroupRules {
				g := aws.ToString(rule.GroupId)
				if rule.ReferencedGroupInfo == nil || !ours[aws.ToString(rule.ReferencedGroupInfo.GroupId)] ||
					aws.ToString(rule.ReferencedGroupInfo.GroupId) == g {
					continue
				}
				if byGroup[g] == nil {
					byGroup[g] = &revoke{}
				}
				if aws.ToBool(rule.IsEgress) {
					byGroup[g].egress = append(byGroup[g].egress, aws.ToString(rule.SecurityGroupRuleId))
				} else {
					byGroup[g].ingress = append(byGroup[g].ingress, aws.ToString(rule.SecurityGroupRuleId))
				}
			}
		}
	}
	if listErr != nil {
		out := make([]result, len(rs))
		for i := range out {
			out[i] = settled(listErr)
			if out[i].out == outGone { // a group of the filter is gone: try again one by one
				out[i] = result{out: outBlocked, reason: listErr.Error()}
			}
		}
		return out
	}
	// Revoke every reference first, then delete, so that no deletion
	// races a revocation of a rule naming it.
	revoked := d.each(ctx, rs, func(ctx context.Context, r Resource) result {
		rv := byGroup[r.ID]
		if rv == nil {
			return resGone
		}
		if len(rv.ingress) > 0 {
			_, err := d.c.EC2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(r.ID), SecurityGroupRuleIds: rv.ingress})
			if err != nil && !isGone(err) {
				return settled(err)
			}
		}
		if len(rv.egress) > 0 {
			_, err := d.c.EC2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(r.ID), SecurityGroupRuleIds: rv.egress})
			if err != nil && !isGone(err) {
				return settled(err)
			}
		}
		return resGone
	})
	out := d.each(ctx, rs, func(ctx context.Context, r Resource) result {
		_, err := d.c.EC2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(r.ID)})
		return settled(err)
	})
	for i, rv := range revoked {
		if rv.out != outGone && out[i].out != outGone {
			out[i] = rv // the revocation is why
		}
	}
	return out
}
