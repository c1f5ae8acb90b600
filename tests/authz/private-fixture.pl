# tests/authz/private-fixture.pl: the texts private.t looks for, written by their authors
# through the API of each part of Leren en Reflectie. Each canary() names who may see it:
# the author, and whoever the author shared it with or whose group it belongs to.
# Demo people: lotte and amir (students, group of trainer peter), bas (student, another
# group of peter), youssef (expert; coach ingrid; member of the closed intervision group with
# priya, kees and nadia), tom (expert, not a member), sanne (generalist), marieke
# (coordinator and expert), henk (manager), fatima (researcher), eva (privacy officer),
# anouk (administrator).
use strict;
use warnings;
use POSIX qw(strftime);

our @FIXTURES;
our (%ID, %CANARY, @EXTRA);

sub find_by
{
    my ($list, $key, $value) = @_;
    for my $x (@$list) { return $x if ($x->{$key} // '') eq $value }
    die "no item with $key = $value\n";
}

push @FIXTURES, ['lotte writes a story: one fragment private, one for her trainer, one for her group', sub {
    my $private = canary('story_private', 'lotte');
    my $trainer = canary('story_trainer', 'lotte', 'peter');
    my $group   = canary('story_group', 'lotte', 'peter', 'amir');
    my $wont    = canary('story_wont_share', 'lotte');
    my $st = must(call('lotte', 'POST', '/api/v1/stories',
                       {title => 'Wat mij overkwam', form => 'story', wont_share => "Niet: $wont",
                        fragments => [{body => "Eerste deel $private"}, {body => "Tweede deel $trainer"},
                                      {body => "Derde deel $group"}]}), 201, 'POST /stories');
    $ID{story} = $st->{id};
    my @f = @{$st->{fragments}};
    die "3 fragments expected\n" unless @f == 3;
    must(call('lotte', 'PUT', "/api/v1/stories/$st->{id}/fragments/$f[1]{id}/sharing",
              {scope => 'trainer', feedback => 'yes'}, [['If-Match', qq("$f[1]{version}")]]),
         200, 'share with trainer');
    must(call('lotte', 'PUT', "/api/v1/stories/$st->{id}/fragments/$f[2]{id}/sharing",
              {scope => 'group', feedback => 'only_evokes'}, [['If-Match', qq("$f[2]{version}")]]),
         200, 'share with group');
    my $aud = canary('story_audience', 'lotte');
    my $a = must(call('lotte', 'POST', "/api/v1/stories/$st->{id}/audiences",
                      {audience => 'stage', title => 'Gastles', items => [{body => "Voor de zaal $aud"}]}),
                 201, 'audience version');
    push @EXTRA, "/api/v1/stories/$st->{id}/audiences/$a->{id}", "/api/v1/stories/$st->{id}/versions/1";
    # peter answers the fragment shared with him: the author and he see the answer
    my $resp = canary('story_response', 'lotte', 'peter');
    must(call('peter', 'POST', "/api/v1/story-shares/$f[1]{id}/responses", {body => "Wat mij raakt: $resp"}),
         201, 'trainer responds');
}];

push @FIXTURES, ['lotte records portfolio evidence; her trainer sees it, nobody else', sub {
    my $ev = canary('portfolio', 'lotte', 'peter');
    must(call('lotte', 'POST', '/api/v1/portfolio/me/evidence',
              {kind => 'text', title => 'Reflectie op herstelfasen', body => "Mijn fasen: $ev",
               assignments => ['BM1-02']}), 201, 'POST evidence');
}];

push @FIXTURES, ['youssef keeps a disclosure reflection to himself', sub {
    my $r = canary('reflection', 'youssef');
    must(call('youssef', 'POST', '/api/v1/reflections',
              {what_shared => "Over mijn eigen schulden verteld $r", why_shared => 'Om hoop te geven',
               permission => 'yes', checked_after => 'planned', balance => 'yes'}),
         201, 'POST /reflections');
}];

push @FIXTURES, ['youssef and his coach write a coaching note', sub {
    my $links = must(call('youssef', 'GET', '/api/v1/coaching/links'), 200, 'GET /coaching/links');
    my @l = @{$links->{items} // []};
    die "youssef has no coach\n" unless @l;
    my $n = canary('coaching_note', 'youssef', 'ingrid');
    must(call('ingrid', 'POST', '/api/v1/coaching/notes', {link_id => $l[0]{id}, body => "Afspraak: $n"}),
         201, 'POST /coaching/notes');
    push @EXTRA, "/api/v1/coaching/notes?link_id=$l[0]{id}", "/api/v1/coaching/conversations?link_id=$l[0]{id}";
}];

push @FIXTURES, ['youssef brings a case into the closed intervision group; priya gives a top and tip', sub {
    my $groups = must(call('youssef', 'GET', '/api/v1/intervision/groups'), 200, 'GET groups');
    my $g = find_by($groups->{items}, 'kind', 'closed');
    my $s = must(call('youssef', 'POST', "/api/v1/intervision/groups/$g->{id}/sessions",
                      {held_on => strftime('%Y-%m-%d', gmtime), place => 'Kamer 2'}), 201, 'plan session');
    my @members = qw(youssef priya kees nadia);
    my $case = canary('intervision_case', @members);
    my $c = must(call('youssef', 'POST', "/api/v1/intervision/sessions/$s->{id}/cases",
                      {title => 'Grenzen', question => "Hoe bewaak ik $case"}), 201, 'POST case');
    my $top = canary('intervision_feedback', @members);
    must(call('priya', 'POST', "/api/v1/intervision/cases/$c->{id}/feedback",
              {top => "Mooi verwoord $top", tip => 'Vraag het de client'}), 201, 'POST feedback');
}];

push @FIXTURES, ['sanne sets up an open group and adds an agenda item; amir takes part', sub {
    my $g = must(call('sanne', 'POST', '/api/v1/intervision/groups',
                      {kind => 'open', name => 'Open intervisie Noord'}), 201, 'POST open group');
    must(call('sanne', 'PUT', "/api/v1/intervision/groups/$g->{id}/participation"), 200, 'take part')
      if !$g->{participating};
    my $s = must(call('sanne', 'POST', "/api/v1/intervision/groups/$g->{id}/sessions",
                      {held_on => strftime('%Y-%m-%d', gmtime), place => 'Buurthuis'}), 201, 'plan session');
    my $item = canary('open_agenda', 'sanne', 'amir');
    must(call('sanne', 'POST', "/api/v1/intervision/sessions/$s->{id}/agenda",
              {title => 'Taalgebruik', detail => "Ik wil het hebben over $item"}), 201, 'agenda item');
    must(call('amir', 'PUT', "/api/v1/intervision/groups/$g->{id}/participation"), 200, 'amir takes part');
}];

1;
