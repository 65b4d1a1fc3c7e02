package aws

import (
	"fmt"
	"strings"
)

// Where each task is in the Terraform configuration.

// address gives every task its place in the configuration, refusing two
// tasks of one type whose names become the same.
func (w *tfWriter) address() error {
	seen := map[tfAddr]task{}
	for _, t := range w.m.tasks {
		if pr, ok := t.(*iamInstanceProfileRoleTask); ok {
			w.roles[pr.Profile] = pr.Role
		}
		typ, data, err := tfTypeOf(t)
		if err != nil {
			return err
		}
		if typ == "" {
			continue
		}
		a := tfAddr{data: data, typ: typ, name: tfNameOf(t)}
		if other, ok := seen[a]; ok {
			return fmt.Errorf("terraform: %s/%s and %s/%s would both be %s %q; rename one",
				other.kind(), other.name(), t.kind(), t.name(), a.typ, a.name)
		}
		seen[a] = t
		w.addrs[t] = a
	}
	return nil
}

// tfTypeOf is the Terraform type of a task: "" for a task that is no
// block of its own (a shared resource is referred to by its ID; the
// profile's role is an attribute of the profile).
func tfTypeOf(t task) (typ string, data bool, err error) {
	switch t := t.(type) {
	case *vpcTask:
		if t.Shared {
			return "", false, nil
		}
		return "aws_vpc", false, nil
	case *dhcpOptionsTask:
		return "aws_vpc_dhcp_options", false, nil
	case *vpcDHCPAssociationTask:
		return "aws_vpc_dhcp_options_association", false, nil
	case *internetGatewayTask:
		return "aws_internet_gateway", t.Shared, nil
	case *subnetTask:
		if t.SharedID != "" {
			return "", false, nil
		}
		return "aws_subnet", false, nil
	case *elasticIPTask:
		return "aws_eip", false, nil
	case *natGatewayTask:
		if t.SharedID != "" {
			return "", false, nil
		}
		return "aws_nat_gateway", false, nil
	case *routeTableTask:
		return "aws_route_table", false, nil
	case *routeTask:
		return "aws_route", false, nil
	case *routeTableAssociationTask:
		return "aws_route_table_association", false, nil
	case *securityGroupTask:
		return "aws_security_group", false, nil
	case *securityGroupRuleTask:
		if t.Egress {
			return "aws_vpc_security_group_egress_rule", false, nil
		}
		return "aws_vpc_security_group_ingress_rule", false, nil
	case *iamRoleTask:
		return "aws_iam_role", false, nil
	case *iamRolePolicyTask:
		return "aws_iam_role_policy", false, nil
	case *iamInstanceProfileTask:
		return "aws_iam_instance_profile", false, nil
	case *iamInstanceProfileRoleTask:
		return "", false, nil
	case *sshKeyTask:
		return "aws_key_pair", false, nil
	case *launchTemplateTask:
		return "aws_launch_template", false, nil
	case *autoscalingGroupTask:
		return "aws_autoscaling_group", false, nil
	case *ebsVolumeTask:
		return "aws_ebs_volume", false, nil
	case *nlbTask:
		return "aws_lb", false, nil
	case *targetGroupTask:
		return "aws_lb_target_group", false, nil
	case *listenerTask:
		return "aws_lb_listener", false, nil
	case *dnsZoneTask:
		// A public zone is the user's: found, never created.
		return "aws_route53_zone", !t.Private, nil
	case *dnsNameTask:
		return "aws_route53_record", false, nil
	}
	return "", false, fmt.Errorf("terraform: %s/%s: the Terraform target does not know the kind %s", t.kind(), t.name(), t.kind())
}

// tfNameOf is a task's Terraform name: its name sanitized as kOps does.
// Routes are named "route-…" (their names are CIDRs); key pairs lose the
// fingerprint's colons.
func tfNameOf(t task) string {
	switch t := t.(type) {
	case *routeTask:
		return tfSanitize("route-" + t.Name)
	case *sshKeyTask:
		return tfSanitize(strings.ReplaceAll(t.Name, ":", ""))
	}
	return tfSanitize(t.name())
}
