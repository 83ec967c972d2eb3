// Migrations run statement by statement: ';' ends a statement except inside a dollar-quoted body.
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/server/db/migrations';

describe('splitStatements', () => {
  it('splits at semicolons and drops empty statements', () => {
    expect(splitStatements(' CREATE TABLE a (x int);\n\nALTER TABLE a ADD COLUMN y int ; ')).toEqual(['CREATE TABLE a (x int)', 'ALTER TABLE a ADD COLUMN y int']);
  });

  it('keeps a function body with semicolons in one statement', () => {
    const sql = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 1; RETURN NEW; END $$; CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()`;
    expect(splitStatements(sql)).toEqual([
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 1; RETURN NEW; END $$',
      'CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()',
    ]);
  });
});
