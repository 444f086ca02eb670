function twice(x) { return x * 2; }
const label = 'util';
export { twice, label };
