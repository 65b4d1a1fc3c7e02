package iam

import (
	"net/url"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// members is a query-protocol list.
type members[T any] = awsapi.Members[T]

// isoTime formats a timestamp as IAM does: ISO 8601, UTC, whole seconds.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// encodePolicy URL-encodes a policy document as IAM returns it. Spaces
// become %20, not "+": clients decode with a plain percent-decoder.
func encodePolicy(doc string) string {
	return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
}

type tagXML struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

func tagsXML(tags []tag) members[tagXML] {
	out := make(members[tagXML], 0, len(tags))
	for _, t := range tags {
		out = append(out, tagXML(t))
	}
	return out
}

type boundaryXML struct {
	PermissionsBoundaryType string `xml:"PermissionsBoundaryType"`
	PermissionsBoundaryArn  string `xml:"PermissionsBoundaryArn"`
}

type roleLastUsedXML struct{}

type roleXML struct {
	Path                     string           `xml:"Path"`
	RoleName                 string           `xml:"RoleName"`
	RoleID                   string           `xml:"RoleId"`
	Arn                      string           `xml:"Arn"`
	CreateDate               string           `xml:"CreateDate"`
	AssumeRolePolicyDocument string           `xml:"AssumeRolePolicyDocument,omitempty"`
	Description              string           `xml:"Description,omitempty"`
	MaxSessionDuration       int              `xml:"MaxSessionDuration,omitempty"`
	PermissionsBoundary      *boundaryXML     `xml:"PermissionsBoundary,omitempty"`
	Tags                     members[tagXML]  `xml:"Tags,omitempty"`
	RoleLastUsed             *roleLastUsedXML `xml:"RoleLastUsed,omitempty"`
}

// roleView says which members of a role an action returns. AWS's answers
// differ: CreateRole has no MaxSessionDuration, ListRoles no tags,
// boundary or RoleLastUsed, instance profiles only the role's identity
// and trust policy.
type roleView int

const (
	viewCreate roleView = iota
	viewGet
	viewList
	viewProfile
)

func roleToXML(r role, view roleView) roleXML {
	x := roleXML{
		Path:                     r.Path,
		RoleName:                 r.Name,
		RoleID:                   r.ID,
		Arn:                      r.ARN,
		CreateDate:               isoTime(r.Created),
		AssumeRolePolicyDocument: encodePolicy(r.AssumeRolePolicy),
	}
	if view == viewProfile {
		return x
	}
	x.Description = r.Description
	if view != viewCreate {
		x.MaxSessionDuration = r.MaxSessionDuration
	}
	if view == viewList {
		return x
	}
	if r.PermissionsBoundary != "" {
		x.PermissionsBoundary = &boundaryXML{PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: r.PermissionsBoundary}
	}
	x.Tags = tagsXML(r.Tags)
	if view == viewGet {
		x.RoleLastUsed = &roleLastUsedXML{}
	}
	return x
}

type profileXML struct {
	Path                string           `xml:"Path"`
	InstanceProfileName string           `xml:"InstanceProfileName"`
	InstanceProfileID   string           `xml:"InstanceProfileId"`
	Arn                 string           `xml:"Arn"`
	CreateDate          string           `xml:"CreateDate"`
	Roles               members[roleXML] `xml:"Roles"`
	Tags                members[tagXML]  `xml:"Tags,omitempty"`
}

// profileToXML renders an instance profile with its role, read in tx.
func profileToXML(tx *store.Tx, account string, ip instanceProfile, withTags bool) (profileXML, error) {
	x := profileXML{
		Path:                ip.Path,
		InstanceProfileName: ip.Name,
		InstanceProfileID:   ip.ID,
		Arn:                 ip.ARN,
		CreateDate:          isoTime(ip.Created),
		Roles:               members[roleXML]{},
	}
	if ip.Role != "" {
		r, ok, err := store.Get[role](bucket(tx, account, kindRoles), ip.Role)
		if err != nil {
			return profileXML{}, err
		}
		if ok {
			x.Roles = append(x.Roles, roleToXML(r, viewProfile))
		}
	}
	if withTags {
		x.Tags = tagsXML(ip.Tags)
	}
	return x, nil
}
