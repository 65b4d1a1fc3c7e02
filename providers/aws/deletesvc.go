package aws

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// deleteAutoscalingGroup force-deletes a group (it terminates its
// instances) and waits, round after round, until it is gone.
func deleteAutoscalingGroup(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.AutoScaling.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{r.ID}})
	if err != nil {
		return settled(err)
	}
	if len(out.AutoScalingGroups) == 0 {
		return resGone
	}
	if g := out.AutoScalingGroups[0]; aws.ToString(g.Status) != "" { // "Delete in progress"
		return waiting("is deleting (%d instances left)", len(g.Instances))
	}
	_, err = c.AutoScaling.DeleteAutoScalingGroup(ctx, &autoscaling.DeleteAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(r.ID), ForceDelete: aws.Bool(true)})
	if err != nil {
		return settled(err)
	}
	return resStarted
}

// deleteLoadBalancer deletes a load balancer; its listeners go with it.
func deleteLoadBalancer(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.ELBv2.DeleteLoadBalancer(ctx, &elbv2.DeleteLoadBalancerInput{LoadBalancerArn: aws.String(r.ID)})
	return settled(err)
}

func deleteTargetGroup(ctx context.Context, c *Clients, r Resource) result {
	_, err := c.ELBv2.DeleteTargetGroup(ctx, &elbv2.DeleteTargetGroupInput{TargetGroupArn: aws.String(r.ID)})
	return settled(err)
}

// deleteInstanceProfile removes the profile's roles, then deletes it.
func deleteInstanceProfile(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(r.ID)})
	if err != nil {
		return settled(err)
	}
	for _, role := range out.InstanceProfile.Roles {
		_, err := c.IAM.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{
			InstanceProfileName: aws.String(r.ID), RoleName: role.RoleName})
		if err != nil && !isGone(err) {
			return settled(err)
		}
	}
	_, err = c.IAM.DeleteInstanceProfile(ctx, &iam.DeleteInstanceProfileInput{InstanceProfileName: aws.String(r.ID)})
	return settled(err)
}

// deleteRole deletes a role's inline policies, detaches its managed ones,
// takes it out of the instance profiles that still hold it, then deletes
// it.
func deleteRole(ctx context.Context, c *Clients, r Resource) result {
	name := aws.String(r.ID)
	inline := iam.NewListRolePoliciesPaginator(c.IAM, &iam.ListRolePoliciesInput{RoleName: name})
	for inline.HasMorePages() {
		page, err := inline.NextPage(ctx)
		if err != nil {
			return settled(err)
		}
		for _, p := range page.PolicyNames {
			_, err := c.IAM.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: name, PolicyName: aws.String(p)})
			if err != nil && !isGone(err) {
				return settled(err)
			}
		}
	}
	attached := iam.NewListAttachedRolePoliciesPaginator(c.IAM, &iam.ListAttachedRolePoliciesInput{RoleName: name})
	for attached.HasMorePages() {
		page, err := attached.NextPage(ctx)
		if err != nil {
			return settled(err)
		}
		for _, p := range page.AttachedPolicies {
			_, err := c.IAM.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: name, PolicyArn: p.PolicyArn})
			if err != nil && !isGone(err) {
				return settled(err)
			}
		}
	}
	profiles := iam.NewListInstanceProfilesForRolePaginator(c.IAM, &iam.ListInstanceProfilesForRoleInput{RoleName: name})
	for profiles.HasMorePages() {
		page, err := profiles.NextPage(ctx)
		if err != nil {
			return settled(err)
		}
		for _, p := range page.InstanceProfiles {
			_, err := c.IAM.RemoveRoleFromInstanceProfile(ctx, &iam.RemoveRoleFromInstanceProfileInput{
				InstanceProfileName: p.InstanceProfileName, RoleName: name})
			if err != nil && !isGone(err) {
				return settled(err)
			}
		}
	}
	_, err := c.IAM.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: name})
	return settled(err)
}

// recordBatch bounds the changes of one ChangeResourceRecordSets (AWS
// takes up to 1000).
const recordBatch = 100

// deleteRecords deletes the record sets of rs in one change batch per
// hosted zone. When a batch is refused (a record changed or went since it
// was found) each record is read again and deleted alone.
func (d *deletion) deleteRecords(ctx context.Context, rs []Resource) []result {
	out := make([]result, len(rs))
	byZone := map[string][]int{}
	for i, r := range rs {
		if r.record == nil { // not as FindResources made it: read it again
			out[i] = deleteRecordAgain(ctx, d.c, r)
			continue
		}
		byZone[r.zone] = append(byZone[r.zone], i)
	}
	zones := slices.Sorted(maps.Keys(byZone))
	d.inParallel(len(zones), func(k int) {
		zone := zones[k]
		idx := byZone[zone]
		for start := 0; start < len(idx); start += recordBatch {
			batch := idx[start:min(start+recordBatch, len(idx))]
			sets := make([]r53types.ResourceRecordSet, len(batch))
			for j, i := range batch {
				sets[j] = *rs[i].record
			}
			err := deleteRecordSets(ctx, d.c, zone, sets)
			for _, i := range batch {
				if err == nil || isGone(err) {
					out[i] = settled(err)
				} else {
					out[i] = deleteRecordAgain(ctx, d.c, rs[i])
				}
			}
		}
	})
	return out
}

// deleteRecordAgain reads r's record set again and deletes it as it is
// now.
func deleteRecordAgain(ctx context.Context, c *Clients, r Resource) result {
	zone, typ, name, setID, ok := parseRecordID(r.ID)
	if !ok {
		return result{out: outFailed, reason: "not a record ID (ZONE/TYPE/NAME[/SET])"}
	}
	sets, err := listRecordSets(ctx, c, zone, name, func(s r53types.ResourceRecordSet) bool {
		return string(s.Type) == typ && aws.ToString(s.SetIdentifier) == setID
	})
	if err != nil {
		return settled(err)
	}
	if len(sets) == 0 {
		return result{out: outGone, reason: "already gone"}
	}
	return settled(deleteRecordSets(ctx, c, zone, sets))
}

// parseRecordID splits a route53-record's ID: ZONE/TYPE/NAME[/SET].
func parseRecordID(id string) (zone, typ, name, setID string, ok bool) {
	parts := strings.SplitN(id, "/", 4)
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return "", "", "", "", false
	}
	if len(parts) == 4 {
		setID = parts[3]
	}
	return parts[0], parts[1], parts[2], setID, true
}

func deleteRecordSets(ctx context.Context, c *Clients, zone string, sets []r53types.ResourceRecordSet) error {
	changes := make([]r53types.Change, len(sets))
	for i := range sets {
		changes[i] = r53types.Change{Action: r53types.ChangeActionDelete, ResourceRecordSet: &sets[i]}
	}
	_, err := c.Route53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(zone), ChangeBatch: &r53types.ChangeBatch{Changes: changes}})
	return err
}

// deleteHostedZone deletes a zone the cluster owns, with the record sets
// left in it (made after FindResources, by dns-controller for instance).
func deleteHostedZone(ctx context.Context, c *Clients, r Resource) result {
	out, err := c.Route53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(r.ID)})
	if err != nil {
		return settled(err)
	}
	zn := r53ZoneName(*out.HostedZone)
	sets, err := listRecordSets(ctx, c, r.ID, "", func(s r53types.ResourceRecordSet) bool { return !isApexRecord(s, zn) })
	if err != nil {
		return settled(err)
	}
	for start := 0; start < len(sets); start += recordBatch {
		if err := deleteRecordSets(ctx, c, r.ID, sets[start:min(start+recordBatch, len(sets))]); err != nil {
			return result{out: outBlocked, reason: fmt.Sprintf("deleting the records left in it: %v", err)}
		}
	}
	_, err = c.Route53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(r.ID)})
	return settled(err)
}
