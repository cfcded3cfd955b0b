/**
 * Where the bench corpus comes from: Debian documentation packages (fetched with
 * `apt-get download`, unpacked with `dpkg-deb -x`, never installed), and which files of each
 * package hold English prose in which markup.
 *
 * `path` is matched against the file's path inside the unpacked package (leading `/` kept);
 * `.gz` and `.dz` (dictzip is gzip-compatible) files are decompressed first. Sources marked
 * `small` are the only ones the `--small` corpus downloads, so it builds quickly from scratch.
 * Translations are excluded by path where a package ships them, and by `isEnglishProse`
 * everywhere else.
 */

/**
 * @typedef {'html' | 'rst' | 'pod' | 'roff' | 'text' | 'wordnet'} Markup
 * @typedef {{ path: RegExp, markup: Markup, exclude?: RegExp }} FileRule
 * @typedef {{ pkg: string, tag: string, small?: boolean, files: FileRule[] }} Source
 */

/**
 * @type {readonly Source[]} In build order; `tag` prefixes document ids. Changing a source's
 * rules rebuilds that source's cached documents (and the corpora using it) on the next run.
 */
export const SOURCES = [
  { pkg: 'debian-reference-en', tag: 'debref', small: true, files: [{ path: /\/usr\/share\/debian-reference\/.*\.en\.html$/, markup: 'html' }] },
  { pkg: 'python3.11-doc', tag: 'python', small: true, files: [{ path: /\/html\/_sources\/.*\.txt$/, markup: 'rst' }] },
  {
    pkg: 'perl-doc',
    tag: 'perl',
    small: true,
    files: [
      { path: /\/pod\/[^/]+\.pod$/, markup: 'pod' },
      { path: /\/man\/man3\/[^/]+\.3perl\.gz$/, markup: 'roff' },
    ],
  },
  { pkg: 'postgresql-doc-15', tag: 'pgsql', small: true, files: [{ path: /\/html\/[^/]+\.html$/, markup: 'html' }] },
  {
    pkg: 'linux-doc-6.1',
    tag: 'linux',
    small: true,
    files: [
      {
        path: /\/Documentation\/.*\.(rst|txt)(\.gz)?$/,
        exclude: /\/Documentation\/(devicetree|translations|ABI|sphinx)\//,
        markup: 'rst',
      },
    ],
  },
  { pkg: 'debian-handbook', tag: 'handbook', files: [{ path: /\/html\/en-US\/[^/]+\.html$/, markup: 'html' }] },
  { pkg: 'gnucash-docs', tag: 'gnucash', files: [{ path: /\/gnucash-(guide|help)-en\/[^/]+\.html$/, markup: 'html' }] },
  { pkg: 'gnome-user-docs', tag: 'gnome', files: [{ path: /\/help\/C\/.*\.page$/, markup: 'html' }] },
  {
    pkg: 'debian-policy',
    tag: 'policy',
    files: [{ path: /\/_sources\/.*\.rst\.txt$/, markup: 'rst' }],
  },
  { pkg: 'developers-reference', tag: 'devref', files: [{ path: /\/developers-reference\/_sources\/.*\.txt$/, markup: 'rst' }] },
  { pkg: 'maint-guide', tag: 'maint', files: [{ path: /\/html\/[^/]+\.en\.html$/, markup: 'html' }] },
  { pkg: 'gnu-standards', tag: 'gnustd', files: [{ path: /\.text\.gz$/, markup: 'text' }] },
  { pkg: 'git-doc', tag: 'git', files: [{ path: /\/usr\/share\/doc\/git-doc\/.*\.txt$/, markup: 'rst' }] },
  { pkg: 'nodejs-doc', tag: 'node', files: [{ path: /\/api\/[^/]+\.html$/, markup: 'html' }] },
  { pkg: 'sqlite3-doc', tag: 'sqlite', files: [{ path: /\/usr\/share\/doc\/sqlite3\/.*\.html$/, markup: 'html' }] },
  { pkg: 'glibc-doc', tag: 'glibc', files: [{ path: /\/man\/man3\/.*\.gz$/, markup: 'roff' }] },
  { pkg: 'dict-gcide', tag: 'gcide', files: [{ path: /\/gcide\.dict\.dz$/, markup: 'text' }] },
  { pkg: 'dict-foldoc', tag: 'foldoc', files: [{ path: /\.dict\.dz$/, markup: 'text' }] },
  { pkg: 'dict-jargon', tag: 'jargon', files: [{ path: /\.dict\.dz$/, markup: 'text' }] },
  { pkg: 'wordnet-base', tag: 'wordnet', files: [{ path: /\/wordnet\/data\.(noun|verb|adj|adv)$/, markup: 'wordnet' }] },
  { pkg: 'openjdk-17-doc', tag: 'jdk', files: [{ path: /\/api\/.*\.html$/, exclude: /(-summary|-tree|index-all|allclasses|allpackages-index|constant-values|\/class-use\/)/, markup: 'html' }] },
  { pkg: 'manpages', tag: 'man', files: [{ path: /\/man\/man[1-8]\/[^/]+\.gz$/, markup: 'roff' }] },
  { pkg: 'manpages-dev', tag: 'mandev', files: [{ path: /\/man\/man[23]\/[^/]+\.gz$/, markup: 'roff' }] },
  { pkg: 'apache2-doc', tag: 'apache', files: [{ path: /\/manual\/en\/.*\.html$/, markup: 'html' }] },
  { pkg: 'vim-runtime', tag: 'vim', files: [{ path: /\/vim90\/doc\/[^/]+\.txt(\.gz)?$/, markup: 'text' }] },
  { pkg: 'python-django-doc', tag: 'django', files: [{ path: /\/html\/.*\.html$/, exclude: /\/html\/(_modules|genindex|py-modindex|search)/, markup: 'html' }] },
  { pkg: 'python-sqlalchemy-doc', tag: 'sqla', files: [{ path: /\/rst\/.*\.rst$/, markup: 'rst' }] },
  { pkg: 'python-scipy-doc', tag: 'scipy', files: [{ path: /\/html\/.*\.html$/, exclude: /\/html\/(_modules|_static|genindex|py-modindex|search)/, markup: 'html' }] },
  { pkg: 'erlang-doc', tag: 'erlang', files: [{ path: /\/doc\/html\/[^/]+\.html$/, markup: 'html' }] },
  { pkg: 'qtbase5-doc-html', tag: 'qt', files: [{ path: /\/doc\/qt\w+\/[^/]+\.html$/, exclude: /-(members|obsolete)\.html$/, markup: 'html' }] },
  {
    pkg: 'rust-doc',
    tag: 'rust',
    // The books only: rustdoc API pages (std, core) are mostly shared boilerplate (trait-impl
    // lists) and formed one cluster of ~1,200 near-identical pages.
    files: [{ path: /\/html\/(book|reference|rust-by-example|edition-guide|nomicon|unstable-book|embedded-book|rustc|cargo|rustdoc)\/.*\.html$/, exclude: /\/(print|toc|searchindex|all)\.html$/, markup: 'html' }],
  },
  { pkg: 'libboost1.81-doc', tag: 'boost', files: [{ path: /\.html?$/, markup: 'html' }] },
  { pkg: 'octave-doc', tag: 'octave', files: [{ path: /\/octave\.html\/[^/]+\.html$/, markup: 'html' }] },
];

/**
 * A string that changes when the source's package or file rules change: the cache key of its
 * documents.
 * @param {Source} source
 * @returns {string}
 */
export function sourceKey(source) {
  return JSON.stringify([source.pkg, source.tag, source.files.map((r) => [String(r.path), String(r.exclude ?? ''), r.markup])]);
}
