package ec2

import (
	"fmt"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// launchTemplate is a launch template; its versions are stored apart
// (ltversion.go), keyed by template ID and zero-padded number.
type launchTemplate struct {
	base
	Name      string    `json:"name"`
	CreatedBy string    `json:"createdBy"`
	Created   time.Time `json:"created"`
	Default   int64     `json:"default"`
	Latest    int64     `json:"latest"`
	// Counter is the last version number handed out: numbers of deleted
	// versions are not reused.
	Counter int64 `json:"counter,omitempty"`
}

// nextVersion hands out the next version number.
func (t *launchTemplate) nextVersion() int64 {
	t.Counter = max(t.Counter, t.Latest) + 1
	return t.Counter
}

var launchTemplates = &table[launchTemplate, *launchTemplate]{
	kind: "launchtemplates", prefix: "lt", resourceType: "launch-template",
	notFoundCode: "InvalidLaunchTemplateId.NotFound", malformedCode: "InvalidLaunchTemplateId.Malformed",
	missing: func(ids []string) string {
		return "The specified launch template, with template ID " + ids[0] + ", does not exist."
	},
}

// Launch template names map to IDs.
const ltNameKind = "launchtemplate-names"

type launchTemplateXML struct {
	ID        string  `xml:"launchTemplateId"`
	Name      string  `xml:"launchTemplateName"`
	Created   string  `xml:"createTime"`
	CreatedBy string  `xml:"createdBy"`
	Default   int64   `xml:"defaultVersionNumber"`
	Latest    int64   `xml:"latestVersionNumber"`
	Tags      tagsXML `xml:"tagSet"`
}

func (t *launchTemplate) xml() launchTemplateXML {
	return launchTemplateXML{t.ID, t.Name, timestamp(t.Created), t.CreatedBy, t.Default, t.Latest, tagSet(t.Tags)}
}

func (s *Service) launchTemplateActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateLaunchTemplate":           s.createLaunchTemplate,
		"CreateLaunchTemplateVersion":    s.createLaunchTemplateVersion,
		"ModifyLaunchTemplate":           s.modifyLaunchTemplate,
		"DescribeLaunchTemplates":        s.describeLaunchTemplates,
		"DescribeLaunchTemplateVersions": s.describeLaunchTemplateVersions,
		"DeleteLaunchTemplate":           s.deleteLaunchTemplate,
		"DeleteLaunchTemplateVersions":   s.deleteLaunchTemplateVersions,
	}
}

func validLTName(name string) error {
	if name == "" {
		return missingParameter("LaunchTemplateName")
	}
	ok := len(name) >= 3 && len(name) <= 128
	for _, c := range name {
		ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == ')' || c == '.' || c == '-' || c == '/' || c == '_')
	}
	if !ok {
		return awsapi.BadRequest("InvalidLaunchTemplateName.MalformedException", "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'")
	}
	return nil
}

func ltNameNotFound() error {
	return awsapi.BadRequest("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.")
}

// ltByName finds a template by name.
func ltByName(tx *store.Tx, sc scope, name string) (*launchTemplate, bool, error) {
	var id string
	ok, err := sc.bucket(tx, ltNameKind).Get(name, &id)
	if err != nil || !ok {
		return nil, false, err
	}
	return launchTemplates.find(tx, sc, id)
}

// targetLT finds the template LaunchTemplateId or LaunchTemplateName of p
// names (under prefix, "" for the top level).
func targetLT(tx *store.Tx, sc scope, id, name string) (*launchTemplate, error) {
	switch {
	case id != "" && name != "":
		return nil, invalidParameterCombination("Both a launch template ID and a launch template name were specified; specify only one.")
	case id != "":
		return launchTemplates.get(tx, sc, id)
	case name != "":
		t, ok, err := ltByName(tx, sc, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, ltNameNotFound()
		}
		return t, nil
	}
	return nil, missingParameter("LaunchTemplateId or LaunchTemplateName")
}

// resolveVersion turns "", $Default, $Latest or a number into a version
// number of t.
func resolveVersion(t *launchTemplate, v string) (int64, error) {
	switch v {
	case "", "$Default":
		return t.Default, nil
	case "$Latest":
		return t.Latest, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, invalidParameterValue("The launch template version '%s' is not valid. Specify a version number, $Latest or $Default.", v)
	}
	return n, nil
}

func versionNotFound(t *launchTemplate, n int64) error {
	return awsapi.BadRequest("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version %d for launch template with ID %s.", n, t.ID)
}

func (s *Service) createLaunchTemplate(r *awsapi.Request, p awsapi.Params) (any, error) {
	name := p.Get("LaunchTemplateName")
	if err := validLTName(name); err != nil {
		return nil, err
	}
	data, err := parseLTData(p)
	if err != nil {
		return nil, err
	}
	if _, err := parseLaunchSpec(data.params()); err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "launch-template")
	if err != nil {
		return nil, err
	}
	desc := p.Get("VersionDescription")
	if len(desc) > 255 {
		return nil, invalidParameterValue("Value (%s) for parameter versionDescription is invalid. Length exceeds maximum of 255.", desc)
	}
	var t *launchTemplate
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		if _, ok, err := ltByName(tx, sc, name); err != nil || ok {
			if ok {
				return awsapi.BadRequest("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.")
			}
			return err
		}
		t = &launchTemplate{
			base: base{ID: s.newID("lt"), Tags: tags}, Name: name, CreatedBy: r.Caller.ARN,
			Created: sc.now, Default: 1, Latest: 1,
		}
		if t.CreatedBy == "" {
			t.CreatedBy = "arn:aws:iam::" + sc.account + ":root"
		}
		v := &ltVersion{Template: t.ID, Number: 1, Description: desc, Data: data, Created: sc.now, CreatedBy: t.CreatedBy}
		if err := putVersion(tx, sc, v); err != nil {
			return err
		}
		if err := sc.bucket(tx, ltNameKind).Put(name, t.ID); err != nil {
			return err
		}
		return launchTemplates.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		LaunchTemplate launchTemplateXML `xml:"launchTemplate"`
	}{t.xml()}, nil
}

func (s *Service) modifyLaunchTemplate(r *awsapi.Request, p awsapi.Params) (any, error) {
	var t *launchTemplate
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		var err error
		if t, err = targetLT(tx, sc, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName")); err != nil {
			return err
		}
		v := p.Get("SetDefaultVersion")
		if v == "" {
			return nil
		}
		n, err := resolveVersion(t, v)
		if err != nil {
			return err
		}
		if _, ok, err := findVersion(tx, sc, t.ID, n); err != nil || !ok {
			if err == nil {
				err = versionNotFound(t, n)
			}
			return err
		}
		t.Default = n
		return launchTemplates.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		LaunchTemplate launchTemplateXML `xml:"launchTemplate"`
	}{t.xml()}, nil
}

func (s *Service) deleteLaunchTemplate(r *awsapi.Request, p awsapi.Params) (any, error) {
	var t *launchTemplate
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		var err error
		if t, err = targetLT(tx, sc, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName")); err != nil {
			return err
		}
		if err := versionBucket(tx, sc).DeleteSub(t.ID); err != nil {
			return err
		}
		if err := sc.bucket(tx, ltNameKind).Delete(t.Name); err != nil {
			return err
		}
		return launchTemplates.remove(tx, sc, t.ID)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		LaunchTemplate launchTemplateXML `xml:"launchTemplate"`
	}{t.xml()}, nil
}

var ltFilters = filterSpec[*launchTemplate]{
	"create-time":          func(t *launchTemplate) []string { return one(timestamp(t.Created)) },
	"launch-template-name": func(t *launchTemplate) []string { return one(t.Name) },
	"launch-template-id":   func(t *launchTemplate) []string { return one(t.ID) },
}

func (s *Service) describeLaunchTemplates(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids, names := p.List("LaunchTemplateId"), p.List("LaunchTemplateName")
	pg, err := parsePage(p, pageLimits{min: 1, max: 200}, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, ltFilters, recordTags[*launchTemplate])
	if err != nil {
		return nil, err
	}
	var out []launchTemplateXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		for _, name := range dedupe(names) {
			t, ok, err := ltByName(tx, sc, name)
			if err != nil {
				return err
			}
			if !ok {
				return ltNameNotFound()
			}
			ids = append(ids, t.ID)
		}
		found, n, err := launchTemplates.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, t := range found {
			out = append(out, t.xml())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Templates items[launchTemplateXML] `xml:"launchTemplates"`
		NextToken string                   `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}

// versionKey sorts a template's versions by number.
func versionKey(n int64) string { return fmt.Sprintf("%010d", n) }
